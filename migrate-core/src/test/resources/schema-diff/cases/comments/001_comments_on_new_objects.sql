-- note: comments of objects the plan creates
-- old
-- new
CREATE SCHEMA shop;
COMMENT ON SCHEMA shop IS 'Storefront';
CREATE TYPE shop.colour AS ENUM ('red', 'blue');
COMMENT ON TYPE shop.colour IS 'Colours we sell';
CREATE SEQUENCE shop.sku_numbers;
COMMENT ON SEQUENCE shop.sku_numbers IS 'SKU counter';
CREATE TABLE shop.items (id bigint PRIMARY KEY, colour shop.colour, CONSTRAINT items_id_positive CHECK (id > 0));
COMMENT ON TABLE shop.items IS 'Sellable items';
COMMENT ON COLUMN shop.items.colour IS 'Main colour';
COMMENT ON CONSTRAINT items_id_positive ON shop.items IS 'Ids start at 1';
CREATE INDEX items_colour_idx ON shop.items (colour);
COMMENT ON INDEX shop.items_colour_idx IS 'Filter by colour';
CREATE VIEW shop.red_items AS SELECT id FROM shop.items WHERE colour = 'red';
COMMENT ON VIEW shop.red_items IS 'Red only';
CREATE FUNCTION shop.item_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM shop.items $$;
COMMENT ON FUNCTION shop.item_count() IS 'How many items';
-- expect-hazards: UNTRACKED_DEPENDENCIES
