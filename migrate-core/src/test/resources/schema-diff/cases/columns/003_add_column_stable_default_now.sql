-- note: now() is stable, evaluated once for the ALTER: no rewrite
-- old
CREATE TABLE orders (id bigint PRIMARY KEY);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, imported_at timestamptz NOT NULL DEFAULT now());
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
