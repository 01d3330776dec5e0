--
-- Alter field first_name on user
--
ALTER TABLE "accounts_user" ALTER COLUMN "first_name" TYPE varchar(150);
