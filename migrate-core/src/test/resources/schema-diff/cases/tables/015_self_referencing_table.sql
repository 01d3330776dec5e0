-- old
-- new
CREATE TABLE categories (
    id bigint PRIMARY KEY,
    parent_id bigint CONSTRAINT categories_parent_fk REFERENCES categories (id),
    name text NOT NULL
);
-- expect-hazards: none
