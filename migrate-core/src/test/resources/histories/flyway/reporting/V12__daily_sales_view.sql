create or replace view daily_sales as
select date_trunc('day', o.placed_at) as day,
       count(*) as orders,
       sum(o.total) as revenue
from orders o
where o.status <> 'cancelled'
group by 1;
