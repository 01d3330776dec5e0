create index stock_movement_product_created_idx on stock_movement (product_id, created_at desc);
create index stock_movement_warehouse_idx on stock_movement (warehouse_id);
