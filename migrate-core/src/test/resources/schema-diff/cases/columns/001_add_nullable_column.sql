-- old
CREATE TABLE orders (id bigint PRIMARY KEY);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, note text);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
