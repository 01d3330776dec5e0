alter table customer add column phone varchar(20);
alter table customer add column marketing_opt_in boolean not null default false;
