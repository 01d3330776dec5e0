-- old
CREATE SCHEMA reporting;
-- new
CREATE SCHEMA reporting;
COMMENT ON SCHEMA reporting IS 'Read models rebuilt every night';
-- expect-hazards: none
