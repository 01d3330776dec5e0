create index product_supplier_supplier_idx on product_supplier (supplier_id);
create unique index supplier_name_uq on supplier (lower(name));
