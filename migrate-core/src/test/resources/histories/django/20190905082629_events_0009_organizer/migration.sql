--
-- Create model Organizer
--
CREATE TABLE "events_organizer" ("id" serial NOT NULL PRIMARY KEY, "name" varchar(200) NOT NULL, "email" varchar(254) NOT NULL, "website" varchar(200) NOT NULL, "created" timestamp with time zone NOT NULL);
--
-- Add field organizer to event
--
ALTER TABLE "events_event" ADD COLUMN "organizer_id" integer NULL;
ALTER TABLE "events_event" ADD CONSTRAINT "events_event_organizer_id_3afa7809_fk_events_organizer_id" FOREIGN KEY ("organizer_id") REFERENCES "events_organizer" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "events_event_organizer_id_ce8e5157" ON "events_event" ("organizer_id");
