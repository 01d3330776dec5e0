-- note: no assignment cast from text to integer: the plan needs USING
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, external_id text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, external_id integer);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
