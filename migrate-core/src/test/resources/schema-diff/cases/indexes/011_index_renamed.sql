-- note: a rename is never guessed: a new index is built, the old one dropped
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX idx1 ON orders (status);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, reference text, total numeric(12,2), created_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz);
CREATE INDEX orders_status_idx ON orders (status);
-- expect-hazards: INDEX_BUILD, INDEX_DROPPED
