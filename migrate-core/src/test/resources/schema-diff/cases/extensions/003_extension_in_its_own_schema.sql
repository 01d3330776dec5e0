-- note: the schema comes before the extension created in it
-- old
-- new
CREATE SCHEMA extensions;
CREATE EXTENSION citext SCHEMA extensions;
-- expect-hazards: none
