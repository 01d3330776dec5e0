create function log_order_status() returns trigger
language plpgsql as $log$
begin
    if tg_op = 'INSERT' or new.status is distinct from old.status then
        insert into order_status_change (order_id, from_status, to_status)
        values (new.id, case when tg_op = 'UPDATE' then old.status end, new.status);
    end if;
    return new;
end;
$log$;

create trigger orders_status_log after insert or update of status on orders
    for each row execute function log_order_status();
