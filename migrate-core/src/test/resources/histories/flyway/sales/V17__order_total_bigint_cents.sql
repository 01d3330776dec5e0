-- Totals move to integer cents: a temporary column carries the converted values
alter table orders add column total_cents_tmp bigint;
update orders set total_cents_tmp = round(total * 100);
alter table orders add column total_cents bigint not null default 0;
update orders set total_cents = total_cents_tmp;
alter table orders drop column total_cents_tmp;
