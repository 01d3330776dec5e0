-- note: a foreign key between tables the plan creates locks nothing in use, as an index of a new table builds nothing (indexes/017)
-- old
-- new
CREATE TABLE categories (
    id bigint PRIMARY KEY,
    parent_id bigint CONSTRAINT categories_parent_fk REFERENCES categories (id),
    name text NOT NULL
);
-- expect-hazards: none
