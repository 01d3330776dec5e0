-- old
CREATE TABLE events (id bigint NOT NULL, name text, CONSTRAINT events_pkey PRIMARY KEY (id));
-- new
CREATE TABLE events (id bigint NOT NULL, name text);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_DROPPED
