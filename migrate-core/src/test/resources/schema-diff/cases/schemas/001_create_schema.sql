-- note: a new, empty schema
-- old
-- new
CREATE SCHEMA billing;
-- expect-hazards: none
