-- note: a unique index built CONCURRENTLY, then ADD PRIMARY KEY USING INDEX (the column is already NOT NULL)
-- old
CREATE TABLE events (id bigint NOT NULL, name text);
-- new
CREATE TABLE events (id bigint NOT NULL, name text, CONSTRAINT events_pkey PRIMARY KEY (id));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD
