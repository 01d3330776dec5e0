-- note: a unique constraint under a new name: built again, the old index dropped
-- old
CREATE TABLE users (id bigint PRIMARY KEY, handle text NOT NULL, CONSTRAINT handle_unique UNIQUE (handle));
-- new
CREATE TABLE users (id bigint PRIMARY KEY, handle text NOT NULL, CONSTRAINT users_handle_key UNIQUE (handle));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD, INDEX_DROPPED
