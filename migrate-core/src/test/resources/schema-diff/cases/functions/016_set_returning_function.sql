-- old
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
-- new
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
CREATE FUNCTION orders_of(c bigint) RETURNS SETOF orders LANGUAGE sql STABLE AS $$ SELECT * FROM orders WHERE customer_id = c $$;
-- expect-hazards: UNTRACKED_DEPENDENCIES
