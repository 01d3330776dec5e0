--
-- Remove field published from event
--
ALTER TABLE "events_event" DROP COLUMN "published" CASCADE;
