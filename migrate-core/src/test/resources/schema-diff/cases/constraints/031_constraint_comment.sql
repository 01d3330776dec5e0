-- old
CREATE TABLE products (id bigint PRIMARY KEY, price numeric NOT NULL, CONSTRAINT products_price_check CHECK (price > 0));
-- new
CREATE TABLE products (id bigint PRIMARY KEY, price numeric NOT NULL, CONSTRAINT products_price_check CHECK (price > 0));
COMMENT ON CONSTRAINT products_price_check ON products IS 'Free items are modelled as a discount';
-- expect-hazards: none
