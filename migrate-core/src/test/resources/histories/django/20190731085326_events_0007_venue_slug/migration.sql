--
-- Add field slug to venue
--
ALTER TABLE "events_venue" ADD COLUMN "slug" varchar(50) NULL;
--
-- Raw SQL operation
--
UPDATE "events_venue" SET "slug" = lower(regexp_replace("name", '[^a-zA-Z0-9]+', '-', 'g'));
--
-- Alter field slug on venue
--
ALTER TABLE "events_venue" ALTER COLUMN "slug" SET NOT NULL;
ALTER TABLE "events_venue" ADD CONSTRAINT "events_venue_slug_key" UNIQUE ("slug");
CREATE INDEX "events_venue_slug_9c53e057_like" ON "events_venue" ("slug" varchar_pattern_ops);
