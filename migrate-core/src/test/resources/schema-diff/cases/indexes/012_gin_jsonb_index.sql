-- old
CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL);
-- new
CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL);
CREATE INDEX events_payload_idx ON events USING gin (payload jsonb_path_ops);
-- expect-hazards: INDEX_BUILD
