--
-- Create model OrganizerMember
--
CREATE TABLE "events_organizermember" ("id" serial NOT NULL PRIMARY KEY, "role" varchar(20) NOT NULL, "organizer_id" integer NOT NULL, "user_id" integer NOT NULL);
--
-- Alter unique_together for organizermember (1 constraint(s))
--
ALTER TABLE "events_organizermember" ADD CONSTRAINT "events_organizermember_organizer_id_user_id_bd9cf35e_uniq" UNIQUE ("organizer_id", "user_id");
ALTER TABLE "events_organizermember" ADD CONSTRAINT "events_organizermember_organizer_id_f4534793_fk_events_orga7ac4" FOREIGN KEY ("organizer_id") REFERENCES "events_organizer" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "events_organizermember_organizer_id_d9f79f3f" ON "events_organizermember" ("organizer_id");
ALTER TABLE "events_organizermember" ADD CONSTRAINT "events_organizermember_user_id_dc64197e_fk_accounts_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "events_organizermember_user_id_9a47b3bb" ON "events_organizermember" ("user_id");
