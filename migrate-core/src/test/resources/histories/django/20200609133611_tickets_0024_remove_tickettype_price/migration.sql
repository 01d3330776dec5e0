--
-- Remove field price from tickettype
--
ALTER TABLE "tickets_tickettype" DROP COLUMN "price" CASCADE;
