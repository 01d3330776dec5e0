-- note: fewer decimals round every value
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,4));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, DELETES_DATA, BREAKS_OLD_CODE
