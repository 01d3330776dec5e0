-- note: text_pattern_ops for LIKE 'abc%' under a non-C collation
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX orders_reference_pattern_idx ON orders (reference text_pattern_ops);
-- expect-hazards: INDEX_BUILD
