-- note: the classic id widening: a rewrite under an ACCESS EXCLUSIVE lock
-- old
CREATE TABLE line_items (id integer PRIMARY KEY, quantity integer NOT NULL);
-- new
CREATE TABLE line_items (id integer PRIMARY KEY, quantity bigint NOT NULL);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
