-- note: a constant default is stored once in the catalog, no rewrite (PostgreSQL 11+)
-- old
CREATE TABLE orders (id bigint PRIMARY KEY);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, currency char(3) NOT NULL DEFAULT 'EUR');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
