-- note: new columns in the order of the desired schema, after the existing ones
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2));
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2), shipped_at timestamptz, carrier text, tracking_code varchar(40));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
