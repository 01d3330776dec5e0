-- old
CREATE TABLE customers (id bigint NOT NULL, region text NOT NULL, name text) PARTITION BY LIST (region);
CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr', 'it');
-- new
CREATE TABLE customers (id bigint NOT NULL, region text NOT NULL, name text) PARTITION BY LIST (region);
CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr', 'it');
CREATE TABLE customers_apac PARTITION OF customers FOR VALUES IN ('jp', 'au', 'sg');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
