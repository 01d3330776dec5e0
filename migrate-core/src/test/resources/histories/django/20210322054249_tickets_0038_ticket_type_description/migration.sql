--
-- Add field description to tickettype
--
ALTER TABLE "tickets_tickettype" ADD COLUMN "description" text DEFAULT '' NOT NULL;
ALTER TABLE "tickets_tickettype" ALTER COLUMN "description" DROP DEFAULT;
--
-- Add field max_per_order to tickettype
--
ALTER TABLE "tickets_tickettype" ADD COLUMN "max_per_order" smallint CHECK ("max_per_order" >= 0) DEFAULT 10 NOT NULL;
ALTER TABLE "tickets_tickettype" ALTER COLUMN "max_per_order" DROP DEFAULT;
