-- note: more digits before the point with the same scale is binary coercible
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(14,2));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
