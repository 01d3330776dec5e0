-- old
CREATE TABLE orders (id bigint PRIMARY KEY);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, tags text[] NOT NULL DEFAULT '{}'::text[]);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
