--
-- Alter field id on organizer
--
ALTER TABLE "events_organizer" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "events_organizer_id_seq" AS bigint;
ALTER TABLE "events_event" ALTER COLUMN "organizer_id" TYPE bigint USING "organizer_id"::bigint;
ALTER TABLE "events_organizermember" ALTER COLUMN "organizer_id" TYPE bigint USING "organizer_id"::bigint;
ALTER TABLE "payments_payout" ALTER COLUMN "organizer_id" TYPE bigint USING "organizer_id"::bigint;
