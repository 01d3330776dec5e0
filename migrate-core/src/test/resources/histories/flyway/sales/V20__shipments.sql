create table shipment (
    id bigserial primary key,
    order_id bigint not null,
    warehouse_id integer not null,
    carrier varchar(20) not null,
    tracking_number varchar(40),
    shipped_at timestamptz,
    delivered_at timestamptz
);
