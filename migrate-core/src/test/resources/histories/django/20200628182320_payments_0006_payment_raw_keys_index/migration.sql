--
-- Raw SQL operation
--
CREATE INDEX CONCURRENTLY "payments_payment_raw_event_idx" ON "payments_payment" (("raw" ->> 'event_type'));
