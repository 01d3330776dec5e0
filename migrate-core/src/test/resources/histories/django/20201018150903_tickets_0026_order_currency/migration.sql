--
-- Add field currency to order
--
ALTER TABLE "tickets_order" ADD COLUMN "currency" varchar(3) DEFAULT 'EUR' NOT NULL;
ALTER TABLE "tickets_order" ALTER COLUMN "currency" DROP DEFAULT;
--
-- Create constraint currency_upper on model order
--
ALTER TABLE "tickets_order" ADD CONSTRAINT "currency_upper" CHECK ("currency" = UPPER("currency"));
