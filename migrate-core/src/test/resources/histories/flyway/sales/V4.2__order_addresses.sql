alter table orders add column shipping_address_id bigint references address (id);
alter table orders add column billing_address_id bigint references address (id);
