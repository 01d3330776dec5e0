alter table customer add column deleted_at timestamptz;
create index customer_live_idx on customer (created_at) where deleted_at is null;
