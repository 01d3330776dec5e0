create index cart_customer_idx on cart (customer_id);
create index cart_expires_idx on cart (expires_at);
