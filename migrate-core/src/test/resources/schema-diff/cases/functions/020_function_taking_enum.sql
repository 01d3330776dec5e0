-- note: the type before the function whose signature uses it
-- old
-- new
CREATE TYPE order_status AS ENUM ('open', 'paid');
CREATE FUNCTION is_final(s order_status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'paid' $$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
