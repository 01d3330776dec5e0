do $$
begin
    if not exists (select 1 from pg_type where typname = 'order_status') then
        create type order_status as enum ('new', 'paid', 'shipped', 'cancelled');
    end if;
end
$$;

create table if not exists orders (
    id bigserial primary key,
    customer_id bigint not null references customer (id),
    status order_status not null default 'new',
    total numeric(12, 2) not null default 0,
    placed_at timestamptz not null default now()
);

create table if not exists order_line (
    id bigserial primary key,
    order_id bigint not null references orders (id) on delete cascade,
    product_id bigint not null references product (id),
    quantity integer not null check (quantity > 0),
    unit_price numeric(10, 2) not null
);
