-- note: the view changes; its indexes are built again on the new one
-- old
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
CREATE MATERIALIZED VIEW daily_sales AS SELECT store_id, sold_on, sum(amount) AS amount FROM sales GROUP BY store_id, sold_on;
CREATE UNIQUE INDEX daily_sales_key ON daily_sales (store_id, sold_on);
-- new
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
CREATE MATERIALIZED VIEW daily_sales AS SELECT store_id, sold_on, sum(amount) AS amount FROM sales WHERE amount > 0 GROUP BY store_id, sold_on;
CREATE UNIQUE INDEX daily_sales_key ON daily_sales (store_id, sold_on);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE
