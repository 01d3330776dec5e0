-- note: PostgreSQL 15 cannot change a generation expression: the column is dropped and added again (it is last)
-- old
CREATE TABLE people (id bigint PRIMARY KEY, first_name text, last_name text,
    full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED);
-- new
CREATE TABLE people (id bigint PRIMARY KEY, first_name text, last_name text,
    full_name text GENERATED ALWAYS AS (last_name || ', ' || first_name) STORED);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE
