--
-- Add field timezone to event
--
ALTER TABLE "events_event" ADD COLUMN "timezone" varchar(64) DEFAULT 'Europe/Berlin' NOT NULL;
ALTER TABLE "events_event" ALTER COLUMN "timezone" DROP DEFAULT;
