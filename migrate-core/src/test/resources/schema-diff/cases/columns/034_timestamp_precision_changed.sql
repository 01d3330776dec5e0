-- note: a lower fractional-second precision rounds the stored values
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, paid_at timestamptz(6));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, paid_at timestamptz(0));
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA
