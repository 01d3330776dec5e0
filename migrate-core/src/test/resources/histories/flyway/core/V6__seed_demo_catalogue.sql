-- Products every environment starts with (used by the smoke tests)
insert into product (sku, name, price, unit) values
    ('BOLT-M6', 'Bolt M6 x 30', 0.12, 'ea'),
    ('BOLT-M8', 'Bolt M8 x 40', 0.18, 'ea'),
    ('NUT-M6', 'Hex nut M6', 0.04, 'ea'),
    ('WASH-6', 'Washer 6 mm', 0.02, 'ea'),
    ('GLUE-1', 'Wood glue', 6.90, 'l'),
    ('OIL-05', 'Machine oil', 4.50, 'l'),
    ('CABLE-3', 'Cable 3 x 1.5', 1.25, 'm');

insert into stock_level (warehouse_id, product_id, on_hand)
    select w.id, p.id, 100 from warehouse w cross join product p where w.code = 'BER1';

-- the smoke-test customer and its order
insert into customer (email, full_name) values ('smoke-test@example.com', 'Smoke Test');

insert into orders (customer_id, status, total)
    select id, 'paid', 3.08 from customer where email = 'smoke-test@example.com';

insert into order_line (order_id, product_id, quantity, unit_price)
    select o.id, p.id, 10, p.price
    from orders o, product p
    where p.sku in ('BOLT-M6', 'BOLT-M8', 'NUT-M6', 'WASH-6');
