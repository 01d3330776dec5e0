-- note: SET UNLOGGED rewrites the table
-- old
CREATE TABLE page_views (id bigint PRIMARY KEY, path text);
-- new
CREATE UNLOGGED TABLE page_views (id bigint PRIMARY KEY, path text);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
