create view product_sales as
select p.id as product_id, p.sku, sum(l.quantity) as units, sum(l.quantity * l.unit_price) as revenue
from order_line l
join product p on p.id = l.product_id
group by p.id, p.sku;
