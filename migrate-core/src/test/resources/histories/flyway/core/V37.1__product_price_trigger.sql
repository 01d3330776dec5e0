create or replace function record_price_change() returns trigger
language plpgsql
as $$
begin
    if new.price is distinct from old.price then
        insert into product_price (product_id, price_cents) values (new.id, round(new.price * 100));
    end if;
    return new;
end
$$;

create trigger product_price_change after update of price on product
    for each row execute function record_price_change();
