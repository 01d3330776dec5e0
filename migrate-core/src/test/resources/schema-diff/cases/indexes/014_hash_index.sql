-- old
CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL);
-- new
CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL);
CREATE INDEX sessions_token_hash ON sessions USING hash (token);
-- expect-hazards: INDEX_BUILD
