-- note: the view stops using the column, which is then dropped
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, legacy_code text, total numeric(12,2) NOT NULL);
CREATE VIEW order_codes AS SELECT id, legacy_code, total FROM orders;
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(12,2) NOT NULL);
CREATE VIEW order_codes AS SELECT id, total FROM orders;
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
