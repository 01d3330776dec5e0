--
-- Add field interests to subscriber
--
ALTER TABLE "newsletter_subscriber" ADD COLUMN "interests" varchar(50)[] DEFAULT '{}'::varchar(50)[] NOT NULL;
ALTER TABLE "newsletter_subscriber" ALTER COLUMN "interests" DROP DEFAULT;
--
-- Raw SQL operation
--
UPDATE "newsletter_subscriber" s SET "interests" = ARRAY(
    SELECT lower(c."name")::varchar(50) FROM "newsletter_subscriber_categories" sc
    JOIN "events_category" c ON c."id" = sc."category_id" WHERE sc."subscriber_id" = s."id");
