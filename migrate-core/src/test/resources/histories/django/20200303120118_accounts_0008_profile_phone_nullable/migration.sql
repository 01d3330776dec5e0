--
-- Alter field phone on profile
--
ALTER TABLE "accounts_profile" ALTER COLUMN "phone" DROP NOT NULL;
