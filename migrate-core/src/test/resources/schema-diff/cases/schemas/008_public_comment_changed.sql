-- note: the public schema is there on both sides; only its comment changes
-- old
COMMENT ON SCHEMA public IS 'standard public schema';
-- new
COMMENT ON SCHEMA public IS 'Application tables';
-- expect-hazards: none
