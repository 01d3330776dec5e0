--
-- Raw SQL operation
--
ALTER TABLE "events_event" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce("title", '')), 'A') ||
    setweight(to_tsvector('simple', coalesce("description", '')), 'B')) STORED;
CREATE INDEX "events_event_search_idx" ON "events_event" USING gin ("search");
