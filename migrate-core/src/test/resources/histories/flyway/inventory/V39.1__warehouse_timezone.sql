alter table warehouse add column timezone text not null default 'Europe/Berlin';
update warehouse set timezone = 'Europe/Vienna' where country = 'AT';
