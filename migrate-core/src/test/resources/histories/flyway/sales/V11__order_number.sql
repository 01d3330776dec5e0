create sequence if not exists order_number_seq start with 100000 increment by 1 cache 20;

alter table orders add column order_number bigint;
alter table orders alter column order_number set default nextval('order_number_seq');
alter sequence order_number_seq owned by orders.order_number;
