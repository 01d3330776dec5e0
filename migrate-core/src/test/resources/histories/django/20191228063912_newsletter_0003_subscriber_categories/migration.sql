--
-- Create model Subscriber_categories
--
CREATE TABLE "newsletter_subscriber_categories" ("id" serial NOT NULL PRIMARY KEY, "subscriber_id" integer NOT NULL, "category_id" integer NOT NULL);
ALTER TABLE "newsletter_subscriber_categories" ADD CONSTRAINT "newsletter_subscriber_categories_subscriber_id_category_id_25ec" UNIQUE ("subscriber_id", "category_id");
ALTER TABLE "newsletter_subscriber_categories" ADD CONSTRAINT "newsletter_subscriber_categories_subscriber_id_6ec8c69f_fk_62b3" FOREIGN KEY ("subscriber_id") REFERENCES "newsletter_subscriber" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "newsletter_subscriber_categories_subscriber_id_48b29126" ON "newsletter_subscriber_categories" ("subscriber_id");
ALTER TABLE "newsletter_subscriber_categories" ADD CONSTRAINT "newsletter_subscriber_categories_category_id_cde3eb61_fk_ev0b23" FOREIGN KEY ("category_id") REFERENCES "events_category" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "newsletter_subscriber_categories_category_id_6091b6d1" ON "newsletter_subscriber_categories" ("category_id");
