-- Note: constraint only applies to business customers
alter table customer add constraint customer_vat_id_check
    check (segment = 'consumer' or vat_id is not null) not valid;
