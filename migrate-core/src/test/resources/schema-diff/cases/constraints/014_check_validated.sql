-- note: a NOT VALID check becomes valid: VALIDATE only
-- old
CREATE TABLE products (id bigint PRIMARY KEY, sku text);
ALTER TABLE products ADD CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Z0-9-]+$') NOT VALID;
-- new
CREATE TABLE products (id bigint PRIMARY KEY, sku text);
ALTER TABLE products ADD CONSTRAINT products_sku_format CHECK (sku ~ '^[A-Z0-9-]+$');
-- expect-hazards: SCANS_TABLE
