-- note: a shorter varchar checks and may cut every value
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(64));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(20));
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA
