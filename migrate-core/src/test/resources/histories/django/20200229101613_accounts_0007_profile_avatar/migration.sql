--
-- Add field avatar to profile
--
ALTER TABLE "accounts_profile" ADD COLUMN "avatar" varchar(100) NULL;
--
-- Add field bio to profile
--
ALTER TABLE "accounts_profile" ADD COLUMN "bio" text DEFAULT '' NOT NULL;
ALTER TABLE "accounts_profile" ALTER COLUMN "bio" DROP DEFAULT;
