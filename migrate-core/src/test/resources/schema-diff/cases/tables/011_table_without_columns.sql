-- note: PostgreSQL allows a table with no column
-- old
-- new
CREATE TABLE marker ();
-- expect-hazards: none
