-- note: text to an enum has no implicit cast: USING, and a rewrite
-- note: a value either converts to the same label or the ALTER fails: nothing is lost, but old code writing other text fails
-- old
CREATE TABLE payments (id bigint PRIMARY KEY, method text NOT NULL);
-- new
CREATE TYPE payment_method AS ENUM ('card', 'transfer', 'cash');
CREATE TABLE payments (id bigint PRIMARY KEY, method payment_method NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, BREAKS_OLD_CODE
