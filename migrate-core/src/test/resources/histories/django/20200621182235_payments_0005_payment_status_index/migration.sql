--
-- Raw SQL operation
--
-- built concurrently: payments is the busiest table at on-sale time
CREATE INDEX CONCURRENTLY "payments_payment_pending_idx" ON "payments_payment" ("created") WHERE "status" = 'pending';
