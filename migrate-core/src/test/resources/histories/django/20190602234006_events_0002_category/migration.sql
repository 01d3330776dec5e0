--
-- Create model Category
--
CREATE TABLE "events_category" ("id" serial NOT NULL PRIMARY KEY, "name" varchar(100) NOT NULL UNIQUE, "position" smallint NOT NULL CHECK ("position" >= 0));
CREATE INDEX "events_category_name_23e65e65_like" ON "events_category" ("name" varchar_pattern_ops);
--
-- Add field category to event
--
ALTER TABLE "events_event" ADD COLUMN "category_id" integer NULL;
ALTER TABLE "events_event" ADD CONSTRAINT "events_event_category_id_01d3a3ab_fk_events_category_id" FOREIGN KEY ("category_id") REFERENCES "events_category" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "events_event_category_id_cb3938a0" ON "events_event" ("category_id");
