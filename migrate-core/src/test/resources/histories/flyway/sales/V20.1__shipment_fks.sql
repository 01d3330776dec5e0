alter table shipment add constraint shipment_order_fk foreign key (order_id) references orders (id);
alter table shipment add constraint shipment_warehouse_fk foreign key (warehouse_id) references warehouse (id);
create index shipment_order_idx on shipment (order_id);
