--
-- Raw SQL operation
--
CREATE INDEX CONCURRENTLY "tickets_ticket_not_checked_in_idx" ON "tickets_ticket" ("ticket_type_id") WHERE "checked_in_at" IS NULL;
