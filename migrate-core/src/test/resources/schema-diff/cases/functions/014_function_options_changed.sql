-- note: volatility, strictness, cost and a setting
-- old
CREATE FUNCTION slugify(v text) RETURNS text LANGUAGE sql AS $$ SELECT regexp_replace(lower(v), '[^a-z0-9]+', '-', 'g') $$;
-- new
CREATE FUNCTION slugify(v text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10
    SET search_path = pg_catalog
    AS $$ SELECT regexp_replace(lower(v), '[^a-z0-9]+', '-', 'g') $$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
