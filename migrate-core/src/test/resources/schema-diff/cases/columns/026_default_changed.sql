-- old
CREATE TABLE orders (id bigint PRIMARY KEY, status text DEFAULT 'new');
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, status text DEFAULT 'draft');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
