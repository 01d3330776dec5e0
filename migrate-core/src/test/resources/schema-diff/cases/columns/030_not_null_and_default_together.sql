-- old
CREATE TABLE orders (id bigint PRIMARY KEY, priority integer);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, priority integer NOT NULL DEFAULT 0);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE
