-- note: binary coercible, and its index stays valid
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, code varchar(10));
CREATE INDEX orders_code_idx ON orders (code);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, code varchar);
CREATE INDEX orders_code_idx ON orders (code);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
