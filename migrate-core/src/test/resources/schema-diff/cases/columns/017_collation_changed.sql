-- note: a new collation changes how the column sorts; the table is not rewritten
-- note: checked on PostgreSQL 15: the relfilenode stays the same, the table is not rewritten (an index on the column would be rebuilt)
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, code text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, code text COLLATE "C");
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
