--
-- Add field seat to ticket
--
ALTER TABLE "tickets_ticket" ADD COLUMN "seat" varchar(10) NULL;
--
-- Add field row to ticket
--
ALTER TABLE "tickets_ticket" ADD COLUMN "row" varchar(4) NULL;
