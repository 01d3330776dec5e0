-- note: the columns after it keep their order
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, fax text, email text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, email text);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
