--
-- Raw SQL operation
--
CREATE OR REPLACE VIEW "events_upcoming" AS
SELECT e."id", e."slug", e."title", e."starts_at", v."name" AS "venue", v."city", e."timezone"
FROM "events_event" e JOIN "events_venue" v ON v."id" = e."venue_id"
WHERE e."status" IN ('published', 'postponed') AND e."starts_at" > now();
