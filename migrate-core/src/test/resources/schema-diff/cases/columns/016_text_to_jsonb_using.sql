-- old
CREATE TABLE orders (id bigint PRIMARY KEY, payload text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, payload jsonb);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
