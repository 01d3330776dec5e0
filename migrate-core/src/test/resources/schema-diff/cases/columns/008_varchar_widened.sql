-- note: a longer varchar is binary coercible: no rewrite
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(20));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(64));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
