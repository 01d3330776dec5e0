create index cart_items_gin on cart using gin (items jsonb_path_ops);
