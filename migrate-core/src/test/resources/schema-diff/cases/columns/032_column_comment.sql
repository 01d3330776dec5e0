-- old
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));
COMMENT ON COLUMN orders.total IS 'Gross amount in the order currency';
-- expect-hazards: none
