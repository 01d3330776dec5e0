-- old
CREATE TABLE line_items (id integer PRIMARY KEY, quantity bigint NOT NULL);
-- new
CREATE TABLE line_items (id integer PRIMARY KEY, quantity integer NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, DELETES_DATA, BREAKS_OLD_CODE
