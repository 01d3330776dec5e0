-- note: a trigram index needs the extension's operator class
-- old
CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL);
-- new
CREATE EXTENSION pg_trgm;
CREATE TABLE products (id bigint PRIMARY KEY, name text NOT NULL);
CREATE INDEX products_name_trgm ON products USING gin (name gin_trgm_ops);
-- expect-hazards: INDEX_BUILD
