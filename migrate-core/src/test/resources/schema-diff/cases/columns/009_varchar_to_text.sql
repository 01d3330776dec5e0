-- old
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(20));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, reference text);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
