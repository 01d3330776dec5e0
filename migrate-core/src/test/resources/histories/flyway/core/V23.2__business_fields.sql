alter table customer add column company_name varchar(200);
alter table customer add column vat_id varchar(20);
