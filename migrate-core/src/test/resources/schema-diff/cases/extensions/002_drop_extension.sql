-- old
CREATE EXTENSION pg_trgm;
-- new
-- expect-hazards: DELETES_DATA, BREAKS_OLD_CODE
