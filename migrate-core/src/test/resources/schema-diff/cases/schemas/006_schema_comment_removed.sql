-- old
CREATE SCHEMA reporting;
COMMENT ON SCHEMA reporting IS 'Read models';
-- new
CREATE SCHEMA reporting;
-- expect-hazards: none
