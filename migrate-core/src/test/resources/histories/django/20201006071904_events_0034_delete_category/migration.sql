--
-- Delete model Category
--
DROP TABLE "events_category" CASCADE;
