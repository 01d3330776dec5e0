create or replace view customer_lifetime_value as
select c.id as customer_id, c.email, count(o.id) as orders, coalesce(sum(o.total_cents), 0) as revenue_cents,
       c.segment
from customer c
left join orders o on o.customer_id = c.id and o.status in ('paid', 'packing', 'shipped')
where c.deleted_at is null
group by c.id, c.email, c.segment;
