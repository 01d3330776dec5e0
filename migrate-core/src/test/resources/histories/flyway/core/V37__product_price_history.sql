create table product_price (
    product_id bigint not null references product (id) on delete cascade,
    valid_from timestamptz not null default now(),
    price_cents bigint not null,
    primary key (product_id, valid_from)
);

insert into product_price (product_id, price_cents)
select id, round(price * 100) from product;
