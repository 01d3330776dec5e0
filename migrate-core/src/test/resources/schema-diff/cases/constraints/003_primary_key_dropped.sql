-- old
CREATE TABLE events (id bigint NOT NULL, name text, CONSTRAINT events_pkey PRIMARY KEY (id));
-- new
CREATE TABLE events (id bigint NOT NULL, name text);
-- expect-hazards: INDEX_DROPPED
