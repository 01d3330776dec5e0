create table customer (
    id bigserial primary key,
    email varchar(120) not null,
    full_name varchar(120) not null,
    created_at timestamptz not null default now()
);

create unique index customer_email_uq on customer (email);

create table product (
    id bigserial primary key,
    sku varchar(32) not null unique,
    name varchar(200) not null,
    price numeric(10, 2) not null,
    active boolean not null default true
);
