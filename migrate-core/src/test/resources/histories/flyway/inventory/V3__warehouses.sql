create table warehouse (
    id serial primary key,
    code varchar(10) not null,
    name text not null,
    city text,
    country char(2) not null default 'DE'
);

create unique index warehouse_code_uq on warehouse (code);

insert into warehouse (code, name, city, country) values
    ('BER1', 'Berlin Nord', 'Berlin', 'DE'),
    ('HAM1', 'Hamburg Hafen', 'Hamburg', 'DE'),
    ('VIE1', 'Wien Süd', 'Wien', 'AT');
