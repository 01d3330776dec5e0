--
-- Create index events_per_name_lower_idx on Lower(F(name)) on model performer
--
CREATE INDEX "events_per_name_lower_idx" ON "events_performer" ((LOWER("name")));
