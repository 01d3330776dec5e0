-- old
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
-- new
CREATE TABLE sales (id bigint PRIMARY KEY, store_id integer NOT NULL, sold_on date NOT NULL, amount numeric(12,2) NOT NULL);
CREATE MATERIALIZED VIEW store_totals AS SELECT store_id, sum(amount) AS amount FROM sales GROUP BY store_id WITH NO DATA;
-- expect-hazards: SCANS_TABLE
