-- note: COMMENT ... IS NULL for each kind
-- old
CREATE TYPE colour AS ENUM ('red', 'blue');
COMMENT ON TYPE colour IS 'Colours';
CREATE TABLE items (id bigint PRIMARY KEY, colour colour);
COMMENT ON TABLE items IS 'Items';
COMMENT ON COLUMN items.colour IS 'Colour';
COMMENT ON CONSTRAINT items_pkey ON items IS 'Key';
COMMENT ON INDEX items_pkey IS 'Key index';
CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$;
COMMENT ON PROCEDURE noop() IS 'Does nothing';
-- new
CREATE TYPE colour AS ENUM ('red', 'blue');
CREATE TABLE items (id bigint PRIMARY KEY, colour colour);
CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$;
-- expect-hazards: none
