create index if not exists orders_channel_placed_idx on orders (channel, placed_at);
