create table stock_level (
    warehouse_id integer not null,
    product_id bigint not null,
    on_hand integer not null default 0,
    reserved integer not null default 0,
    primary key (warehouse_id, product_id)
);
