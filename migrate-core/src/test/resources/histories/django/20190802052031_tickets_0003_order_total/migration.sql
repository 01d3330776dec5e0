--
-- Add field total to order
--
ALTER TABLE "tickets_order" ADD COLUMN "total" numeric(10, 2) DEFAULT 0 NOT NULL;
ALTER TABLE "tickets_order" ALTER COLUMN "total" DROP DEFAULT;
