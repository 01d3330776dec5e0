alter table product add constraint product_sku_upper_check check (sku = upper(sku));
