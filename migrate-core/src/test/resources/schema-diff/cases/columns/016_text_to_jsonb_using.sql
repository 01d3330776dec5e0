-- old
CREATE TABLE orders (id bigint PRIMARY KEY, payload text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, payload jsonb);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, DELETES_DATA, BREAKS_OLD_CODE
