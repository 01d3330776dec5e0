-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX orders_reference_lower_idx ON orders (lower(reference));
-- expect-hazards: INDEX_BUILD
