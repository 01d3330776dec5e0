-- note: CREATE OR REPLACE
-- old
CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 1.2 $$;
-- new
CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 1.19, 2) $$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
