-- note: same signature and result: CREATE OR REPLACE leaves the view as it is
-- old
CREATE TABLE prices (id bigint PRIMARY KEY, net numeric NOT NULL);
CREATE FUNCTION gross(net numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT net * 1.2 $$;
CREATE VIEW gross_prices AS SELECT id, gross(net) AS gross FROM prices;
-- new
CREATE TABLE prices (id bigint PRIMARY KEY, net numeric NOT NULL);
CREATE FUNCTION gross(net numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT net * 1.25 $$;
CREATE VIEW gross_prices AS SELECT id, gross(net) AS gross FROM prices;
-- expect-hazards: UNTRACKED_DEPENDENCIES
