--
-- Add field reference to order
--
ALTER TABLE "tickets_order" ADD COLUMN "reference" varchar(12) NULL UNIQUE;
CREATE INDEX "tickets_order_reference_f35d4ecf_like" ON "tickets_order" ("reference" varchar_pattern_ops);
