-- note: one column loses its comment, another gains one
-- old
CREATE TABLE t (id bigint PRIMARY KEY, a text, b text);
COMMENT ON COLUMN t.a IS 'A';
-- new
CREATE TABLE t (id bigint PRIMARY KEY, a text, b text);
COMMENT ON COLUMN t.b IS 'B';
-- expect-hazards: none
