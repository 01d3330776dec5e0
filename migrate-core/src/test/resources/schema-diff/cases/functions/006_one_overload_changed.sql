-- old
CREATE FUNCTION describe(v integer) RETURNS text LANGUAGE sql AS $$ SELECT 'int ' || v $$;
CREATE FUNCTION describe(v text) RETURNS text LANGUAGE sql AS $$ SELECT 'text ' || v $$;
-- new
CREATE FUNCTION describe(v integer) RETURNS text LANGUAGE sql AS $$ SELECT 'integer ' || v $$;
CREATE FUNCTION describe(v text) RETURNS text LANGUAGE sql AS $$ SELECT 'text ' || v $$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
