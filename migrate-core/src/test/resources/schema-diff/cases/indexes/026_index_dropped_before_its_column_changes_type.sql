-- note: the varchar_pattern_ops index cannot survive the change to an enum and is gone in the desired schema: it must
-- note: be dropped before the ALTER COLUMN TYPE; the partial index on the column is built again; found in the django
-- note: history
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20) NOT NULL, created timestamptz NOT NULL);
CREATE INDEX orders_status_like ON orders (status varchar_pattern_ops);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_paid_idx ON orders (created) WHERE status = 'paid';
-- new
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'cancelled');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL, created timestamptz NOT NULL);
CREATE INDEX orders_paid_idx ON orders (created) WHERE status = 'paid';
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, BREAKS_OLD_CODE, INDEX_DROPPED, INDEX_BUILD
