create or replace function low_stock(threshold integer default 10)
returns table (warehouse_code varchar, sku varchar, available bigint)
language sql stable
as $$
    select w.code, p.sku, s.on_hand - s.reserved
    from stock_level s
    join warehouse w on w.id = s.warehouse_id
    join product p on p.id = s.product_id
    where s.on_hand - s.reserved < threshold
    order by 3;
$$;
