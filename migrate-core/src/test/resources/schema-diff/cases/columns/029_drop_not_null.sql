-- old
CREATE TABLE orders (id bigint PRIMARY KEY, email text NOT NULL);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, email text);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
