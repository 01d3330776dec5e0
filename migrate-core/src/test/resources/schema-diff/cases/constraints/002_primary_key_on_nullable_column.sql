-- note: the column must become NOT NULL first (through a validated check), then the key
-- old
CREATE TABLE events (id bigint, name text);
-- new
CREATE TABLE events (id bigint NOT NULL, name text, CONSTRAINT events_pkey PRIMARY KEY (id));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE, INDEX_BUILD, BREAKS_OLD_CODE
