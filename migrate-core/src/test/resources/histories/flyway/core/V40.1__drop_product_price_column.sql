-- prices live in product_price since V37
drop view product_sales;
drop trigger product_price_change on product;
drop function record_price_change();
alter table product drop column price;

create view product_sales as
select p.id as product_id, p.sku, sum(l.quantity) as units, sum(l.quantity * l.unit_price_cents) as revenue_cents
from order_line l
join product p on p.id = l.product_id
group by p.id, p.sku;
