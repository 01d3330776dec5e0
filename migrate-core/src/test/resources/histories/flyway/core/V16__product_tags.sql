alter table product add column tags text[] not null default '{}';
create index product_tags_gin on product using gin (tags);
