--
-- Add field tags to event
--
ALTER TABLE "events_event" ADD COLUMN "tags" varchar(50)[] DEFAULT '{}'::varchar(50)[] NOT NULL;
ALTER TABLE "events_event" ALTER COLUMN "tags" DROP DEFAULT;
