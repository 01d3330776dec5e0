--
-- Remove field total from order
--
ALTER TABLE "tickets_order" DROP COLUMN "total" CASCADE;
