--
-- Add field slug to organizer
--
ALTER TABLE "events_organizer" ADD COLUMN "slug" varchar(50) NULL;
--
-- Raw SQL operation
--
UPDATE "events_organizer" SET "slug" = lower(regexp_replace("name", '\W+', '-', 'g')) || '-' || "id";
--
-- Alter field slug on organizer
--
ALTER TABLE "events_organizer" ALTER COLUMN "slug" SET NOT NULL;
ALTER TABLE "events_organizer" ADD CONSTRAINT "events_organizer_slug_key" UNIQUE ("slug");
CREATE INDEX "events_organizer_slug_117c313e_like" ON "events_organizer" ("slug" varchar_pattern_ops);
