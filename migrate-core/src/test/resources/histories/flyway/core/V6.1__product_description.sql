alter table product add column description text;
comment on column product.description is 'Markdown; rendered on the product page';
