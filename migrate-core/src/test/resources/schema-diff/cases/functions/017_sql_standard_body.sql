-- note: a BEGIN ATOMIC body (PostgreSQL 14+), whose dependencies PostgreSQL does track
-- old
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);
CREATE FUNCTION revenue() RETURNS numeric LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT coalesce(sum(total), 0) FROM orders;
END;
-- expect-hazards: UNTRACKED_DEPENDENCIES
