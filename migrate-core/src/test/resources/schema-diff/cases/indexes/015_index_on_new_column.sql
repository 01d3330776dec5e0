-- note: the column is added before the index on it
-- old
CREATE TABLE users (id bigint PRIMARY KEY);
-- new
CREATE TABLE users (id bigint PRIMARY KEY, last_login_at timestamptz);
CREATE INDEX users_last_login_idx ON users (last_login_at);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD
