-- old
CREATE SEQUENCE small_ids AS integer;
-- new
CREATE SEQUENCE small_ids AS bigint;
-- expect-hazards: none
