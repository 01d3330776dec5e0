--
-- Add field published to event
--
ALTER TABLE "events_event" ADD COLUMN "published" boolean DEFAULT false NOT NULL;
ALTER TABLE "events_event" ALTER COLUMN "published" DROP DEFAULT;
