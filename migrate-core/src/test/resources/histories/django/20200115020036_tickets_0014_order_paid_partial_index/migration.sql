--
-- Create index tickets_order_paid_idx on field(s) created of model order
--
CREATE INDEX "tickets_order_paid_idx" ON "tickets_order" ("created") WHERE "status" = 'paid';
