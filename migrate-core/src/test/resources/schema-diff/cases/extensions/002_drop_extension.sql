-- old
CREATE EXTENSION pg_trgm;
-- new
-- expect-hazards: none
