--
-- Raw SQL operation
--
CREATE INDEX "events_event_tags_gin" ON "events_event" USING gin ("tags");
