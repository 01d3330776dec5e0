--
-- Add field display_name to user
--
ALTER TABLE "accounts_user" ADD COLUMN "display_name" varchar(300) DEFAULT '' NOT NULL;
ALTER TABLE "accounts_user" ALTER COLUMN "display_name" DROP DEFAULT;
--
-- Raw SQL operation
--
-- computed through a scratch column so that blank first names do not leave a leading space
ALTER TABLE "accounts_user" ADD COLUMN "display_name_tmp" text NULL;
UPDATE "accounts_user" SET "display_name_tmp" = nullif(btrim("first_name" || ' ' || "last_name"), '');
UPDATE "accounts_user" SET "display_name" = coalesce("display_name_tmp", "username");
ALTER TABLE "accounts_user" DROP COLUMN "display_name_tmp";
