--
-- Add field status to event
--
ALTER TABLE "events_event" ADD COLUMN "status" varchar(12) DEFAULT 'draft' NOT NULL;
ALTER TABLE "events_event" ALTER COLUMN "status" DROP DEFAULT;
CREATE INDEX "events_event_status_9dfb69e6_like" ON "events_event" ("status" varchar_pattern_ops);
CREATE INDEX "events_event_status_a1b46b6a" ON "events_event" ("status");
