-- note: text to an enum has no implicit cast: USING, and a rewrite
-- old
CREATE TABLE payments (id bigint PRIMARY KEY, method text NOT NULL);
-- new
CREATE TYPE payment_method AS ENUM ('card', 'transfer', 'cash');
CREATE TABLE payments (id bigint PRIMARY KEY, method payment_method NOT NULL);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
