-- old
CREATE TABLE orders (id bigint PRIMARY KEY);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, sort_key text COLLATE "C");
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
