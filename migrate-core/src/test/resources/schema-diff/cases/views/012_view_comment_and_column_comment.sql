-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(12,2) NOT NULL);
CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open';
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(12,2) NOT NULL);
CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open';
COMMENT ON VIEW open_orders IS 'Orders not yet paid';
COMMENT ON COLUMN open_orders.total IS 'Gross';
-- expect-hazards: none
