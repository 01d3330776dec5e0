-- note: another argument list is another function: the old one is dropped, the new one created
-- old
CREATE FUNCTION add_tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * 1.2 $$;
-- new
CREATE FUNCTION add_tax(amount numeric, rate numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT amount * (1 + rate) $$;
-- expect-hazards: BREAKS_OLD_CODE, UNTRACKED_DEPENDENCIES
