--
-- Create constraint ends_after_start on model event
--
ALTER TABLE "events_event" ADD CONSTRAINT "ends_after_start" CHECK ("ends_at" >= "starts_at");
