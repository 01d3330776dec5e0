-- old
CREATE TABLE orders (id bigint PRIMARY KEY, legacy_code text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
