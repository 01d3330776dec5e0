-- note: fewer decimals round every value
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,4));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA
