-- note: two levels of views over a column whose type changes
-- note: numeric(12,2) to numeric(14,4) keeps ten integer digits and adds decimals: a rewrite, but every value fits, nothing lost
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(12,2) NOT NULL);
CREATE VIEW paid_orders AS SELECT id, customer_id, total FROM orders WHERE status = 'paid';
CREATE VIEW big_paid_orders AS SELECT id, customer_id, total FROM paid_orders WHERE total > 1000;
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL, total numeric(14,4) NOT NULL);
CREATE VIEW paid_orders AS SELECT id, customer_id, total FROM orders WHERE status = 'paid';
CREATE VIEW big_paid_orders AS SELECT id, customer_id, total FROM paid_orders WHERE total > 1000;
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE
