create table return_request (
    id bigserial primary key,
    order_line_id bigint not null references order_line (id),
    quantity integer not null,
    reason text,
    status varchar(12) not null default 'open',
    created_at timestamptz not null default now(),
    constraint return_request_quantity_check check (quantity > 0),
    constraint return_request_status_check check (status in ('open', 'approved', 'rejected', 'received'))
);
