-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX orders_status_idx ON orders (status);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX orders_status_idx ON orders (status) WITH (fillfactor = 70);
-- expect-hazards: INDEX_BUILD, INDEX_DROPPED
