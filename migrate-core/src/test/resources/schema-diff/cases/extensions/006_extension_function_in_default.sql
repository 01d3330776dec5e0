-- note: a column default calls a function the extension owns (pgcrypto's gen_random_bytes is volatile)
-- note: PostgreSQL rewrites for any volatile default, whoever owns the function
-- old
CREATE EXTENSION pgcrypto;
CREATE TABLE api_keys (id bigint PRIMARY KEY);
-- new
CREATE EXTENSION pgcrypto;
CREATE TABLE api_keys (id bigint PRIMARY KEY, secret bytea DEFAULT gen_random_bytes(32));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE
