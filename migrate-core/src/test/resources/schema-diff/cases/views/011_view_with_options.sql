-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(12,2) NOT NULL);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(12,2) NOT NULL);
CREATE VIEW open_orders WITH (security_barrier = true) AS SELECT id, total FROM orders WHERE status = 'open' WITH LOCAL CHECK OPTION;
-- expect-hazards: none
