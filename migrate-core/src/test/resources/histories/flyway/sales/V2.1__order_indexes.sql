create index if not exists orders_customer_idx on orders (customer_id);
create index if not exists order_line_order_idx on order_line (order_id);
