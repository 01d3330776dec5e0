alter table warehouse add constraint warehouse_country_check check (country ~ '^[A-Z]{2}$');
