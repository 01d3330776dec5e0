--
-- Raw SQL operation
--
COMMENT ON VIEW "events_upcoming" IS 'Home page listing';
