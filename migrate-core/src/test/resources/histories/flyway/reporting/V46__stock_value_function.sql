create or replace function stock_value_cents(p_warehouse integer)
returns bigint
language plpgsql stable
as $$
declare
    result bigint;
begin
    select coalesce(sum(s.on_hand * pp.price_cents), 0) into result
    from stock_level s
    join lateral (
        select price_cents from product_price where product_id = s.product_id order by valid_from desc limit 1
    ) pp on true
    where s.warehouse_id = p_warehouse;
    return result;
end;
$$;
