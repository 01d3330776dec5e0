-- note: a column at the end: CREATE OR REPLACE VIEW can do it
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(12,2) NOT NULL);
CREATE VIEW open_orders AS SELECT id, customer_id FROM orders WHERE status = 'open';
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(12,2) NOT NULL);
CREATE VIEW open_orders AS SELECT id, customer_id, total FROM orders WHERE status = 'open';
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
