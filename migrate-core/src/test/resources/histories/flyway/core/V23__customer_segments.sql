create type customer_segment as enum ('consumer', 'business');
alter table customer add column segment customer_segment not null default 'consumer';
