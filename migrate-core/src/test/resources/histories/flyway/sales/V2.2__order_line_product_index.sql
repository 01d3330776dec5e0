create index order_line_product_idx on order_line (product_id);
