alter table orders add column notes text;
alter table orders add column gift boolean not null default false;
alter table orders add column gift_message varchar(500);
