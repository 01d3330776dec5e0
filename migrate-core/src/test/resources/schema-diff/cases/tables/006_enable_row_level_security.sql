-- old
CREATE TABLE documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
-- new
CREATE TABLE documents (id bigint PRIMARY KEY, owner_id bigint NOT NULL);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
