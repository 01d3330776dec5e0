-- note: a lower fractional-second precision rounds the stored values
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, paid_at timestamptz(6));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, paid_at timestamptz(0));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, DELETES_DATA, BREAKS_OLD_CODE
