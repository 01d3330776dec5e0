alter table order_line drop column unit_price;
