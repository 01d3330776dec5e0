-- note: a shorter varchar checks and may cut every value
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(64));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(20));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, DELETES_DATA, BREAKS_OLD_CODE
