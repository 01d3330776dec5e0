--
-- Alter field phone on profile
--
ALTER TABLE "accounts_profile" ALTER COLUMN "phone" TYPE varchar(32);
