--
-- Add field sales_start to tickettype
--
ALTER TABLE "tickets_tickettype" ADD COLUMN "sales_start" timestamp with time zone NULL;
--
-- Add field sales_end to tickettype
--
ALTER TABLE "tickets_tickettype" ADD COLUMN "sales_end" timestamp with time zone NULL;
