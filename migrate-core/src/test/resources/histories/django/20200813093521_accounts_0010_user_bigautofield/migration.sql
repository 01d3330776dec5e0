--
-- Alter field id on user
--
ALTER TABLE "accounts_user" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "accounts_user_id_seq" AS bigint;
ALTER TABLE "accounts_profile" ALTER COLUMN "user_id" TYPE bigint USING "user_id"::bigint;
ALTER TABLE "tickets_order" ALTER COLUMN "user_id" TYPE bigint USING "user_id"::bigint;
ALTER TABLE "events_organizermember" ALTER COLUMN "user_id" TYPE bigint USING "user_id"::bigint;
