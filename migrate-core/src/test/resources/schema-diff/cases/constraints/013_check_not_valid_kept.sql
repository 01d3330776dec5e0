-- note: the desired schema has the check NOT VALID: it is added so, never validated
-- old
CREATE TABLE products (id bigint PRIMARY KEY, sku text);
-- new
CREATE TABLE products (id bigint PRIMARY KEY, sku text);
ALTER TABLE products ADD CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Z0-9-]+$') NOT VALID;
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
