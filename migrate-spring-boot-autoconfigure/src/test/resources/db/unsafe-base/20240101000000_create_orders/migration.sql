CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
-- an index on a table created in the same migration is safe
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
