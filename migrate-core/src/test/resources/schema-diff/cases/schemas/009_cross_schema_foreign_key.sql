-- note: a new schema whose table references a table in public created in the same plan
-- note: a foreign key between tables the plan creates locks nothing in use, as an index of a new table builds nothing (indexes/017)
-- old
-- new
CREATE TABLE public.customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE SCHEMA sales;
CREATE TABLE sales.orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL CONSTRAINT orders_customer_fk REFERENCES public.customers (id)
);
-- expect-hazards: none
