alter table order_line add column unit_price_cents bigint;
update order_line set unit_price_cents = round(unit_price * 100);
alter table order_line alter column unit_price_cents set not null;
