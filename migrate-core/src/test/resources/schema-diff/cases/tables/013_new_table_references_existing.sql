-- note: a foreign key to an existing table takes a SHARE ROW EXCLUSIVE lock on it
-- old
CREATE TABLE users (id bigint PRIMARY KEY);
-- new
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE api_tokens (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL CONSTRAINT api_tokens_user_fk REFERENCES users (id)
);
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK
