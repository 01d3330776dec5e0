-- note: the extension must exist before the column of its type
-- old
CREATE TABLE users (id bigint PRIMARY KEY);
-- new
CREATE EXTENSION citext;
CREATE TABLE users (id bigint PRIMARY KEY, email citext);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
