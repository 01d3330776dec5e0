-- old
CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY, name text);
-- new
CREATE TABLE tags (id bigint NOT NULL, name text);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
