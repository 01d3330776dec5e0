-- old
CREATE TABLE orders (id bigint PRIMARY KEY, status text);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, status text DEFAULT 'new');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
