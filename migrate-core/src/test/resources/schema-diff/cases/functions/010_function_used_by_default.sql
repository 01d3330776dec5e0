-- note: the function is created before the column default that calls it (volatile: a rewrite)
-- old
CREATE TABLE coupons (id bigint PRIMARY KEY);
-- new
CREATE FUNCTION random_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT upper(substr(md5(random()::text), 1, 8)) $$;
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL DEFAULT random_code());
-- expect-hazards: UNTRACKED_DEPENDENCIES, REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
