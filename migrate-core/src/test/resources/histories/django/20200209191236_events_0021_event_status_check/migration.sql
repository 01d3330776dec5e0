--
-- Create constraint event_status_valid on model event
--
ALTER TABLE "events_event" ADD CONSTRAINT "event_status_valid" CHECK ("status" IN ('draft', 'published', 'cancelled', 'postponed'));
