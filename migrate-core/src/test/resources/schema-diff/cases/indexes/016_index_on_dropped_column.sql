-- note: the index goes with its column
-- old
CREATE TABLE users (id bigint PRIMARY KEY, legacy_id integer);
CREATE INDEX users_legacy_idx ON users (legacy_id);
-- new
CREATE TABLE users (id bigint PRIMARY KEY);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_DROPPED, DELETES_DATA, BREAKS_OLD_CODE
