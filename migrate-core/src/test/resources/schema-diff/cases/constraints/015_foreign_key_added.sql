-- note: NOT VALID (a brief SHARE ROW EXCLUSIVE lock on both tables), then VALIDATE
-- old
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
-- new
CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL,
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id));
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, SCANS_TABLE
