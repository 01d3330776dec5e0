-- product_sales depends on quantity: drop it for the type change and put it back unchanged
drop view product_sales;

alter table order_line alter column quantity type bigint;

create view product_sales as
select p.id as product_id, p.sku, sum(l.quantity) as units, sum(l.quantity * l.unit_price) as revenue
from order_line l
join product p on p.id = l.product_id
group by p.id, p.sku;
