-- note: an empty schema dropped holds no data
-- old
CREATE SCHEMA scratch;
-- new
-- expect-hazards: BREAKS_OLD_CODE
