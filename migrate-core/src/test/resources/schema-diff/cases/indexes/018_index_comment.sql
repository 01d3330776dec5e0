-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX orders_customer_idx ON orders (customer_id);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX orders_customer_idx ON orders (customer_id);
COMMENT ON INDEX orders_customer_idx IS 'Order history page';
-- expect-hazards: none
