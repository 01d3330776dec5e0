create materialized view monthly_sales as
select date_trunc('month', placed_at) as month, count(*) as orders, sum(total_cents) as revenue_cents
from orders
where status not in ('cancelled', 'refunded')
group by 1
with no data;

create unique index monthly_sales_month_uq on monthly_sales (month);
