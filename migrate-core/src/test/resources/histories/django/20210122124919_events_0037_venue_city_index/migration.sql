--
-- Create index events_ven_city_6f3a_idx on field(s) city of model venue
--
CREATE INDEX "events_ven_city_6f3a_idx" ON "events_venue" ("city");
