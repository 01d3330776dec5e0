-- note: a stored generated column is computed for every row: a rewrite
-- old
CREATE TABLE people (id bigint PRIMARY KEY, first_name text, last_name text);
-- new
CREATE TABLE people (id bigint PRIMARY KEY, first_name text, last_name text,
    full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED);
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
