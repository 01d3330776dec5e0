--
-- Add field first_name to user
--
ALTER TABLE "accounts_user" ADD COLUMN "first_name" varchar(30) DEFAULT '' NOT NULL;
ALTER TABLE "accounts_user" ALTER COLUMN "first_name" DROP DEFAULT;
--
-- Add field last_name to user
--
ALTER TABLE "accounts_user" ADD COLUMN "last_name" varchar(150) DEFAULT '' NOT NULL;
ALTER TABLE "accounts_user" ALTER COLUMN "last_name" DROP DEFAULT;
