-- old
CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL,
    CONSTRAINT products_price_positive CHECK (price > 0));
-- new
CREATE TABLE products (id bigint PRIMARY KEY, price numeric(10,2) NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
