create table order_status_change (
    id bigserial primary key,
    order_id bigint not null references orders (id) on delete cascade,
    from_status order_status,
    to_status order_status not null,
    changed_at timestamptz not null default now()
);

create index order_status_change_order_idx on order_status_change (order_id, changed_at);
