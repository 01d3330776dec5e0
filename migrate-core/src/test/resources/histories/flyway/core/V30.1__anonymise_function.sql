create or replace function anonymise_customer(p_id bigint) returns void
language plpgsql
as $fn$
begin
    update customer
       set email = 'deleted-' || p_id || '@invalid',
           display_name = 'deleted',
           phone = null,
           deleted_at = coalesce(deleted_at, now())
     where id = p_id;
    delete from address where customer_id = p_id;
end;
$fn$;
