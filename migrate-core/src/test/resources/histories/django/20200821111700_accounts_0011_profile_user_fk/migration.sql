--
-- Alter field user on profile
--
ALTER TABLE "accounts_profile" ADD CONSTRAINT "accounts_profile_user_id_49a85d32_fk2_accounts_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED;
