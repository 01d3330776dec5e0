create table stock_movement (
    id bigint generated always as identity primary key,
    warehouse_id integer not null references warehouse (id),
    product_id bigint not null references product (id),
    delta integer not null,
    reason varchar(20) not null,
    created_at timestamptz not null default now()
);

alter table stock_movement add constraint stock_movement_reason_check
    check (reason in ('receipt', 'pick', 'adjustment', 'return'));
