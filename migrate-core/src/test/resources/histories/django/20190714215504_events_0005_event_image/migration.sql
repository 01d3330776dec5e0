--
-- Add field image to event
--
ALTER TABLE "events_event" ADD COLUMN "image" varchar(100) DEFAULT '' NOT NULL;
ALTER TABLE "events_event" ALTER COLUMN "image" DROP DEFAULT;
