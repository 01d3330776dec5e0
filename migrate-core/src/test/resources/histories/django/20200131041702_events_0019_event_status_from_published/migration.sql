--
-- Raw SQL operation
--
UPDATE "events_event" SET "status" = CASE WHEN "published" THEN 'published' ELSE 'draft' END;
