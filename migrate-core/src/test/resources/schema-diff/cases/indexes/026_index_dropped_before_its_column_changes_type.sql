-- note: the varchar_pattern_ops index cannot survive the change to an enum and is gone in the desired schema: it must
-- note: be dropped before the ALTER COLUMN TYPE; found in the django history
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL);
CREATE INDEX orders_status_like ON orders (status varchar_pattern_ops);
-- new
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'cancelled');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, BREAKS_OLD_CODE, INDEX_DROPPED
