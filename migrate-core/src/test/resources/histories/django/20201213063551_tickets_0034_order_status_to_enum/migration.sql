--
-- Raw SQL operation
--
DROP INDEX "tickets_order_status_fc689266";
DROP INDEX "tickets_order_status_72e4828b_like";
DROP INDEX "tickets_order_paid_idx";
ALTER TABLE "tickets_order" ALTER COLUMN "status" TYPE "tickets_order_status" USING "status"::"tickets_order_status";
CREATE INDEX "tickets_order_paid_idx" ON "tickets_order" ("created") WHERE "status" = 'paid';
