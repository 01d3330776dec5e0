create type payment_method as enum ('card', 'invoice', 'paypal');

create table payment (
    id uuid primary key default gen_random_uuid(),
    order_id bigint not null references orders (id),
    method payment_method not null,
    amount numeric(12, 2) not null check (amount > 0),
    provider_ref text,
    received_at timestamptz not null default now()
);

create index payment_order_idx on payment (order_id);
