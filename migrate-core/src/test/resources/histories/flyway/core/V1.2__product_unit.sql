alter table product add column unit varchar(8) not null default 'ea';
alter table product add constraint product_unit_fk foreign key (unit) references unit_of_measure (code);
