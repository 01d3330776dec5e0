-- old
CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 1.2 $$;
-- new
-- expect-hazards: BREAKS_OLD_CODE, UNTRACKED_DEPENDENCIES
