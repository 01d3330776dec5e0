-- old
CREATE TABLE orders (id bigint PRIMARY KEY, obsolete boolean);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, archived boolean NOT NULL DEFAULT false);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
