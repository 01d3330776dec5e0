-- note: the schema is created before the table inside it
-- old
-- new
CREATE SCHEMA inventory;
CREATE TABLE inventory.items (
    id bigint PRIMARY KEY,
    sku text NOT NULL
);
-- expect-hazards: none
