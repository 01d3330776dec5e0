create index orders_placed_brin on orders using brin (placed_at);
