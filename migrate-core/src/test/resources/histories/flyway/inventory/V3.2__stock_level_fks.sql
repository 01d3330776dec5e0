alter table stock_level
    add constraint stock_level_warehouse_fk foreign key (warehouse_id) references warehouse (id);
alter table stock_level
    add constraint stock_level_product_fk foreign key (product_id) references product (id) on delete cascade;
