-- note: a new collation changes how the column sorts; the table is not rewritten
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, code text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, code text COLLATE "C");
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
