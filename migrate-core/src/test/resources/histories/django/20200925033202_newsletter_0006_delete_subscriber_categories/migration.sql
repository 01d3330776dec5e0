--
-- Delete model Subscriber_categories
--
DROP TABLE "newsletter_subscriber_categories" CASCADE;
