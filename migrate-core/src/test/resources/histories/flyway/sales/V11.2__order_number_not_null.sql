alter table orders alter column order_number set not null;
create unique index concurrently orders_order_number_uq on orders (order_number);
