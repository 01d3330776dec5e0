--
-- Add field checked_in_at to ticket
--
ALTER TABLE "tickets_ticket" ADD COLUMN "checked_in_at" timestamp with time zone NULL;
