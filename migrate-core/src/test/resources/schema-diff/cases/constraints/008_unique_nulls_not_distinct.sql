-- note: PostgreSQL 15's NULLS NOT DISTINCT
-- old
CREATE TABLE devices (id bigint PRIMARY KEY, serial text);
-- new
CREATE TABLE devices (id bigint PRIMARY KEY, serial text, CONSTRAINT devices_serial_key UNIQUE NULLS NOT DISTINCT (serial));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD
