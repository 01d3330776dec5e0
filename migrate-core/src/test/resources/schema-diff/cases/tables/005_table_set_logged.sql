-- old
CREATE UNLOGGED TABLE imports (id bigint PRIMARY KEY, row_data text);
-- new
CREATE TABLE imports (id bigint PRIMARY KEY, row_data text);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
