-- slipway:phase contract
-- slipway:requires-backfill people_display_name
-- slipway:allow data-loss every name was copied to display_name by the people_display_name backfill
ALTER TABLE people DROP COLUMN name;
