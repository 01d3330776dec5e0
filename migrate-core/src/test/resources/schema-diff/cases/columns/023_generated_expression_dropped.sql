-- note: DROP EXPRESSION keeps the values as a plain column
-- old
CREATE TABLE people (id bigint PRIMARY KEY, first_name text, last_name text,
    full_name text GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED);
-- new
CREATE TABLE people (id bigint PRIMARY KEY, first_name text, last_name text, full_name text);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK
