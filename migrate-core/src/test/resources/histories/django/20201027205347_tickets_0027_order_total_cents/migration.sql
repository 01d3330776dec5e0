--
-- Add field total_cents to order
--
ALTER TABLE "tickets_order" ADD COLUMN "total_cents" bigint DEFAULT 0 NOT NULL;
ALTER TABLE "tickets_order" ALTER COLUMN "total_cents" DROP DEFAULT;
--
-- Raw SQL operation
--
UPDATE "tickets_order" SET "total_cents" = ("total" * 100)::bigint;
