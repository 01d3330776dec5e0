-- note: only the installed version differs; pg_dump does not print it, the second plan must still be empty
-- old
CREATE EXTENSION hstore VERSION '1.7';
-- new
CREATE EXTENSION hstore VERSION '1.8';
-- expect-hazards: UNTRACKED_DEPENDENCIES
