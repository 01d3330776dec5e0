--
-- Rename field holder_name on ticket to attendee_name
--
ALTER TABLE "tickets_ticket" RENAME COLUMN "holder_name" TO "attendee_name";
