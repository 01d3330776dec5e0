alter table orders add column if not exists updated_at timestamptz not null default now();
create trigger orders_touch before update on orders for each row execute function touch_updated_at();
