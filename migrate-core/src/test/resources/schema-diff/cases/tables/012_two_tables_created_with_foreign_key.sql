-- note: the referenced table comes first
-- note: a foreign key between tables the plan creates locks nothing in use, as an index of a new table builds nothing (indexes/017)
-- old
-- new
CREATE TABLE authors (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (
    id bigint PRIMARY KEY,
    author_id bigint NOT NULL CONSTRAINT books_author_fk REFERENCES authors (id) ON DELETE CASCADE,
    title text NOT NULL
);
-- expect-hazards: none
