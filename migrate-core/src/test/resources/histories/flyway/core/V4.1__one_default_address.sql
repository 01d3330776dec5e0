-- at most one default address per customer
create unique index address_one_default_uq on address (customer_id) where is_default;
