create index concurrently orders_coupon_idx on orders (coupon_code) where coupon_code is not null;
