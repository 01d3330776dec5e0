--
-- Raw SQL operation
--
DELETE FROM "events_category" WHERE "name" = 'Other';
