-- note: the function is created before the column default that calls it (volatile: a rewrite)
-- note: random_code() is VOLATILE, so ADD COLUMN evaluates it per row
-- old
CREATE TABLE coupons (id bigint PRIMARY KEY);
-- new
CREATE FUNCTION random_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT upper(substr(md5(random()::text), 1, 8)) $$;
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL DEFAULT random_code());
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, UNTRACKED_DEPENDENCIES
