-- old
CREATE TABLE readings (id bigint PRIMARY KEY, taken_at timestamptz NOT NULL, value double precision);
-- new
CREATE TABLE readings (id bigint PRIMARY KEY, taken_at timestamptz NOT NULL, value double precision);
CREATE INDEX readings_taken_brin ON readings USING brin (taken_at) WITH (pages_per_range = 32);
-- expect-hazards: INDEX_BUILD
