--
-- Add field latitude to venue
--
ALTER TABLE "events_venue" ADD COLUMN "latitude" numeric(9, 6) NULL;
--
-- Add field longitude to venue
--
ALTER TABLE "events_venue" ADD COLUMN "longitude" numeric(9, 6) NULL;
