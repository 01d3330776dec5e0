alter table product add column slug varchar(120);
update product set slug = lower(regexp_replace(sku, '[^A-Za-z0-9]+', '-', 'g'));
alter table product alter column slug set not null;
create unique index product_slug_uq on product (slug);
