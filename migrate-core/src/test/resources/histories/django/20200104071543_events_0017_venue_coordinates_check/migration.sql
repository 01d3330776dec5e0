--
-- Create constraint valid_coordinates on model venue
--
ALTER TABLE "events_venue" ADD CONSTRAINT "valid_coordinates" CHECK ((("latitude" IS NULL AND "longitude" IS NULL) OR ("latitude" BETWEEN -90 AND 90 AND "longitude" BETWEEN -180 AND 180)));
