alter table product add column search tsvector
    generated always as (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))) stored;
create index product_search_idx on product using gin (search);
