create table supplier (
    id serial primary key,
    name text not null,
    email text,
    lead_time_days smallint not null default 7
);

create table product_supplier (
    product_id bigint not null references product (id) on delete cascade,
    supplier_id integer not null references supplier (id),
    supplier_sku text,
    cost numeric(10, 2),
    primary key (product_id, supplier_id)
);
