-- old
CREATE SCHEMA catalog;
-- new
CREATE SCHEMA catalog;
CREATE TYPE catalog.visibility AS ENUM ('hidden', 'listed');
CREATE TABLE catalog.products (id bigint PRIMARY KEY, visibility catalog.visibility);
-- expect-hazards: none
