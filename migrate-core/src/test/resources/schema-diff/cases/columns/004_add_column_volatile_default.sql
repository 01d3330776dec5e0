-- note: gen_random_uuid() is volatile: each row gets its own value, the table is rewritten
-- old
CREATE TABLE orders (id bigint PRIMARY KEY);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, public_id uuid NOT NULL DEFAULT gen_random_uuid());
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
