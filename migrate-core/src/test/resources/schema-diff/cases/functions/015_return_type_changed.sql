-- note: CREATE OR REPLACE cannot change the result type: drop and create
-- old
CREATE FUNCTION order_count() RETURNS integer LANGUAGE sql AS $$ SELECT 0 $$;
-- new
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS $$ SELECT 0::bigint $$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
