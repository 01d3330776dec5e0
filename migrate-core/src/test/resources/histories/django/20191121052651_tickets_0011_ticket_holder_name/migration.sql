--
-- Add field holder_name to ticket
--
ALTER TABLE "tickets_ticket" ADD COLUMN "holder_name" varchar(100) DEFAULT '' NOT NULL;
ALTER TABLE "tickets_ticket" ALTER COLUMN "holder_name" DROP DEFAULT;
