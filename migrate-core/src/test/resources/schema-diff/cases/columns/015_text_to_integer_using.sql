-- note: no assignment cast from text to integer: the plan needs USING
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, external_id text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, external_id integer);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, DELETES_DATA, BREAKS_OLD_CODE
