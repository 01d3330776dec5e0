--
-- Add field price_cents to tickettype
--
ALTER TABLE "tickets_tickettype" ADD COLUMN "price_cents" integer NULL;
--
-- Raw SQL operation
--
UPDATE "tickets_tickettype" SET "price_cents" = ("price" * 100)::integer;
--
-- Alter field price_cents on tickettype
--
ALTER TABLE "tickets_tickettype" ALTER COLUMN "price_cents" SET NOT NULL;
