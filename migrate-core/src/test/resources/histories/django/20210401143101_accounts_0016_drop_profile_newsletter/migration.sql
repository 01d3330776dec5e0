--
-- Remove field newsletter from profile
--
ALTER TABLE "accounts_profile" DROP COLUMN "newsletter" CASCADE;
