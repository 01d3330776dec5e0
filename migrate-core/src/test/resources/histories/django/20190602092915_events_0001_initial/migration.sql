--
-- Create model Venue
--
CREATE TABLE "events_venue" ("id" serial NOT NULL PRIMARY KEY, "name" varchar(200) NOT NULL, "address" text NOT NULL, "city" varchar(100) NOT NULL, "capacity" integer NOT NULL CHECK ("capacity" >= 0));
--
-- Create model Event
--
CREATE TABLE "events_event" ("id" serial NOT NULL PRIMARY KEY, "title" varchar(200) NOT NULL, "slug" varchar(50) NOT NULL UNIQUE, "description" text NOT NULL, "starts_at" timestamp with time zone NOT NULL, "ends_at" timestamp with time zone NOT NULL, "venue_id" integer NOT NULL);
CREATE INDEX "events_event_slug_e1c6cfad_like" ON "events_event" ("slug" varchar_pattern_ops);
ALTER TABLE "events_event" ADD CONSTRAINT "events_event_venue_id_ffde28fd_fk_events_venue_id" FOREIGN KEY ("venue_id") REFERENCES "events_venue" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "events_event_venue_id_f40ebfc9" ON "events_event" ("venue_id");
