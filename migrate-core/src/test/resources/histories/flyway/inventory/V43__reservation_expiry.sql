create table stock_reservation (
    id bigint generated always as identity,
    cart_id uuid not null references cart (id) on delete cascade,
    product_id bigint not null references product (id),
    warehouse_id integer not null references warehouse (id),
    quantity integer not null check (quantity > 0),
    expires_at timestamptz not null,
    constraint stock_reservation_pkey primary key (id)
);

create index stock_reservation_expires_idx on stock_reservation (expires_at);
