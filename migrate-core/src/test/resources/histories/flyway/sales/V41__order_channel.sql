create type sales_channel as enum ('web', 'app', 'phone');
alter table orders add column channel sales_channel not null default 'web';
