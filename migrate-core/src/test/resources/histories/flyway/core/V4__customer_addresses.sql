create table address (
    id bigserial primary key,
    customer_id bigint not null,
    line1 varchar(200) not null,
    line2 varchar(200),
    postal_code varchar(10) not null,
    city varchar(100) not null,
    country char(2) not null,
    is_default boolean not null default false
);

alter table address add constraint address_customer_fk foreign key (customer_id) references customer (id) on delete cascade;
create index address_customer_idx on address (customer_id);
