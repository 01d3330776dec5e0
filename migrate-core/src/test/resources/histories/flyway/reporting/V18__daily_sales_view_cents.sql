create or replace view daily_sales as
select date_trunc('day', o.placed_at) as day,
       count(*) as orders,
       sum(o.total) as revenue,
       sum(o.total_cents) as revenue_cents
from orders o
where o.status not in ('cancelled', 'refunded')
group by 1;
