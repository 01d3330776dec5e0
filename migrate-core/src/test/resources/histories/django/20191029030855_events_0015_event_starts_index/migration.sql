--
-- Create index events_eve_starts__c8e1a4_idx on field(s) starts_at of model event
--
CREATE INDEX "events_eve_starts__c8e1a4_idx" ON "events_event" ("starts_at");
