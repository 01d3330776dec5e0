--
-- Create model Profile
--
CREATE TABLE "accounts_profile" ("id" serial NOT NULL PRIMARY KEY, "phone" varchar(20) NOT NULL, "newsletter" boolean NOT NULL, "user_id" integer NOT NULL UNIQUE);
ALTER TABLE "accounts_profile" ADD CONSTRAINT "accounts_profile_user_id_49a85d32_fk_accounts_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED;
