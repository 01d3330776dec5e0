--
-- Alter field website on organizer
--
ALTER TABLE "events_organizer" ALTER COLUMN "website" TYPE varchar(500);
