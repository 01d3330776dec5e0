-- old
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
CREATE MATERIALIZED VIEW daily_sales AS SELECT store_id, sold_on, sum(amount) AS amount FROM sales GROUP BY store_id, sold_on;
-- new
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, BREAKS_OLD_CODE
