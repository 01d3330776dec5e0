--
-- Raw SQL operation
--
-- tickets_sold reads tickettype.event_id; tickets.00xx_bigautofield creates it again
DROP VIEW "tickets_sold";
--
-- Alter field id on category
--
ALTER TABLE "events_category" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "events_category_id_seq" AS bigint;
ALTER TABLE "events_event" ALTER COLUMN "category_id" TYPE bigint USING "category_id"::bigint;
ALTER TABLE "newsletter_subscriber_categories" ALTER COLUMN "category_id" TYPE bigint USING "category_id"::bigint;
--
-- Alter field id on event
--
ALTER TABLE "events_event" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "events_event_id_seq" AS bigint;
ALTER TABLE "tickets_tickettype" ALTER COLUMN "event_id" TYPE bigint USING "event_id"::bigint;
--
-- Alter field id on venue
--
ALTER TABLE "events_venue" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "events_venue_id_seq" AS bigint;
ALTER TABLE "events_event" ALTER COLUMN "venue_id" TYPE bigint USING "venue_id"::bigint;
