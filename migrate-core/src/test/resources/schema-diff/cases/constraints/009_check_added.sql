-- note: NOT VALID, then VALIDATE, which reads the table without blocking writes
-- old
CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL);
-- new
CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL,
    CONSTRAINT products_price_positive CHECK (price > 0));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE
