--
-- Raw SQL operation
--
UPDATE "events_event" e SET "tags" = array_append(e."tags", lower(c."name")::varchar(50))
FROM "events_category" c WHERE c."id" = e."category_id";
--
-- Remove field category from event
--
ALTER TABLE "events_event" DROP COLUMN "category_id" CASCADE;
