create or replace function apply_stock_movement() returns trigger as $body$
begin
    insert into stock_level (warehouse_id, product_id, on_hand)
    values (new.warehouse_id, new.product_id, greatest(new.delta, 0))
    on conflict (warehouse_id, product_id)
    do update set on_hand = stock_level.on_hand + new.delta;
    return new;
end;
$body$ language plpgsql;

create trigger stock_movement_apply after insert on stock_movement
    for each row execute function apply_stock_movement();
