--
-- Alter field status on order
--
CREATE INDEX "tickets_order_status_fc689266" ON "tickets_order" ("status");
CREATE INDEX "tickets_order_status_72e4828b_like" ON "tickets_order" ("status" varchar_pattern_ops);
