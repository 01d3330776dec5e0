create or replace function touch_updated_at() returns trigger
language plpgsql
as $$
begin
    new.updated_at = now();
    return new;
end;
$$;

alter table customer add column updated_at timestamptz not null default now();
alter table product add column updated_at timestamptz not null default now();

create trigger customer_touch before update on customer for each row execute function touch_updated_at();
create trigger product_touch before update on product for each row execute function touch_updated_at();
