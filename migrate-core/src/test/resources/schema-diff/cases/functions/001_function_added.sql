-- old
-- new
CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 1.2 $$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
