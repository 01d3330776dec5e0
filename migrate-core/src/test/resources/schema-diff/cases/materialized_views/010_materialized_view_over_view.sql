-- old
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
-- new
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
CREATE VIEW positive_sales AS SELECT * FROM sales WHERE amount > 0;
CREATE MATERIALIZED VIEW positive_by_store AS SELECT store_id, sum(amount) AS amount FROM positive_sales GROUP BY store_id;
CREATE INDEX positive_by_store_idx ON positive_by_store (store_id);
-- expect-hazards: SCANS_TABLE
