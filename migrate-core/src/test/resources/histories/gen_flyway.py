"""The Flyway history: an order and inventory service, V<version>__<description>.sql in area sub-folders, lower case."""
import os

from gen_common import reset, write

# (version, folder, description, sql). Versions are dotted as teams write them: a release, then its fixes.
RELEASES = []


def v(version, folder, description, sql):
    RELEASES.append((version, folder, description, sql))


v("1", "core", "init", """\
create table customer (
    id bigserial primary key,
    email varchar(120) not null,
    full_name varchar(120) not null,
    created_at timestamptz not null default now()
);

create unique index customer_email_uq on customer (email);

create table product (
    id bigserial primary key,
    sku varchar(32) not null unique,
    name varchar(200) not null,
    price numeric(10, 2) not null,
    active boolean not null default true
);
""")
v("1.1", "core", "seed_units_of_measure", """\
-- Reference data; the warehouse app reads this list at startup
create table if not exists unit_of_measure (
    code varchar(8) primary key,
    description text not null
);

insert into unit_of_measure (code, description) values
    ('ea', 'each'),
    ('box', 'box of 12'),
    ('kg', 'kilogram'),
    ('g', 'gram'),
    ('l', 'litre'),
    ('ml', 'millilitre'),
    ('m', 'metre'),
    ('pal', 'pallet');
""")
v("1.2", "core", "product_unit", """\
alter table product add column unit varchar(8) not null default 'ea';
alter table product add constraint product_unit_fk foreign key (unit) references unit_of_measure (code);
""")
v("2", "sales", "orders", """\
do $$
begin
    if not exists (select 1 from pg_type where typname = 'order_status') then
        create type order_status as enum ('new', 'paid', 'shipped', 'cancelled');
    end if;
end
$$;

create table if not exists orders (
    id bigserial primary key,
    customer_id bigint not null references customer (id),
    status order_status not null default 'new',
    total numeric(12, 2) not null default 0,
    placed_at timestamptz not null default now()
);

create table if not exists order_line (
    id bigserial primary key,
    order_id bigint not null references orders (id) on delete cascade,
    product_id bigint not null references product (id),
    quantity integer not null check (quantity > 0),
    unit_price numeric(10, 2) not null
);
""")
v("2.1", "sales", "order_indexes", """\
create index if not exists orders_customer_idx on orders (customer_id);
create index if not exists order_line_order_idx on order_line (order_id);
""")
v("2.2", "sales", "order_line_product_index", """\
create index order_line_product_idx on order_line (product_id);
""")
v("3", "inventory", "warehouses", """\
create table warehouse (
    id serial primary key,
    code varchar(10) not null,
    name text not null,
    city text,
    country char(2) not null default 'DE'
);

create unique index warehouse_code_uq on warehouse (code);

insert into warehouse (code, name, city, country) values
    ('BER1', 'Berlin Nord', 'Berlin', 'DE'),
    ('HAM1', 'Hamburg Hafen', 'Hamburg', 'DE'),
    ('VIE1', 'Wien Süd', 'Wien', 'AT');
""")
v("3.1", "inventory", "stock_levels", """\
create table stock_level (
    warehouse_id integer not null,
    product_id bigint not null,
    on_hand integer not null default 0,
    reserved integer not null default 0,
    primary key (warehouse_id, product_id)
);
""")
v("3.2", "inventory", "stock_level_fks", """\
alter table stock_level
    add constraint stock_level_warehouse_fk foreign key (warehouse_id) references warehouse (id);
alter table stock_level
    add constraint stock_level_product_fk foreign key (product_id) references product (id) on delete cascade;
""")
v("3.3", "inventory", "stock_level_checks", """\
alter table stock_level add constraint stock_level_on_hand_check check (on_hand >= 0);
alter table stock_level add constraint stock_level_reserved_check check (reserved >= 0 and reserved <= on_hand);
""")
v("4", "core", "customer_addresses", """\
create table address (
    id bigserial primary key,
    customer_id bigint not null,
    line1 varchar(200) not null,
    line2 varchar(200),
    postal_code varchar(10) not null,
    city varchar(100) not null,
    country char(2) not null,
    is_default boolean not null default false
);

alter table address add constraint address_customer_fk foreign key (customer_id) references customer (id) on delete cascade;
create index address_customer_idx on address (customer_id);
""")
v("4.1", "core", "one_default_address", """\
-- at most one default address per customer
create unique index address_one_default_uq on address (customer_id) where is_default;
""")
v("4.2", "sales", "order_addresses", """\
alter table orders add column shipping_address_id bigint references address (id);
alter table orders add column billing_address_id bigint references address (id);
""")
v("5", "core", "updated_at_trigger", """\
create or replace function touch_updated_at() returns trigger
language plpgsql
as $$
begin
    new.updated_at = now();
    return new;
end;
$$;

alter table customer add column updated_at timestamptz not null default now();
alter table product add column updated_at timestamptz not null default now();

create trigger customer_touch before update on customer for each row execute function touch_updated_at();
create trigger product_touch before update on product for each row execute function touch_updated_at();
""")
v("5.1", "sales", "orders_updated_at", """\
alter table orders add column if not exists updated_at timestamptz not null default now();
create trigger orders_touch before update on orders for each row execute function touch_updated_at();
""")
v("6", "core", "seed_demo_catalogue", """\
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
""")
v("6.1", "core", "product_description", """\
alter table product add column description text;
comment on column product.description is 'Markdown; rendered on the product page';
""")
v("7", "sales", "add_order_status_refunded", """\
alter type order_status add value if not exists 'refunded';
""")
v("7.1", "sales", "add_order_status_packing", """\
alter type order_status add value 'packing' after 'paid';
""")
v("8", "sales", "payments", """\
create type payment_method as enum ('card', 'invoice', 'paypal');

create table payment (
    id uuid primary key default gen_random_uuid(),
    order_id bigint not null references orders (id),
    method payment_method not null,
    amount numeric(12, 2) not null check (amount > 0),
    provider_ref text,
    received_at timestamptz not null default now()
);

create index payment_order_idx on payment (order_id);
""")
v("8.1", "sales", "payment_provider_ref_unique", """\
create unique index if not exists payment_provider_ref_uq on payment (provider_ref) where provider_ref is not null;
""")
v("9", "core", "customer_email_case_insensitive", """\
drop index customer_email_uq;
create unique index customer_email_lower_uq on customer (lower(email));
""")
v("9.1", "core", "empty_reserved", """\
-- Version reserved for the 9.x hotfix branch; nothing to do on main.
""")
v("10", "inventory", "stock_movements", """\
create table stock_movement (
    id bigint generated always as identity primary key,
    warehouse_id integer not null references warehouse (id),
    product_id bigint not null references product (id),
    delta integer not null,
    reason varchar(20) not null,
    created_at timestamptz not null default now()
);

alter table stock_movement add constraint stock_movement_reason_check
    check (reason in ('receipt', 'pick', 'adjustment', 'return'));
""")
v("10.1", "inventory", "stock_movement_indexes", """\
create index stock_movement_product_created_idx on stock_movement (product_id, created_at desc);
create index stock_movement_warehouse_idx on stock_movement (warehouse_id);
""")
v("10.2", "inventory", "apply_movement_function", """\
create or replace function apply_stock_movement() returns trigger as $body$
begin
    insert into stock_level (warehouse_id, product_id, on_hand)
    values (new.warehouse_id, new.product_id, greatest(new.delta, 0))
    on conflict (warehouse_id, product_id)
    do update set on_hand = stock_level.on_hand + new.delta;
    return new;
end;
$body$ language plpgsql;

create trigger stock_movement_apply after insert on stock_movement
    for each row execute function apply_stock_movement();
""")
v("11", "sales", "order_number", """\
create sequence if not exists order_number_seq start with 100000 increment by 1 cache 20;

alter table orders add column order_number bigint;
alter table orders alter column order_number set default nextval('order_number_seq');
alter sequence order_number_seq owned by orders.order_number;
""")
v("11.1", "sales", "order_number_backfill", """\
update orders set order_number = nextval('order_number_seq') where order_number is null;
""")
v("11.2", "sales", "order_number_not_null", """\
alter table orders alter column order_number set not null;
create unique index concurrently orders_order_number_uq on orders (order_number);
""")
v("12", "reporting", "daily_sales_view", """\
create or replace view daily_sales as
select date_trunc('day', o.placed_at) as day,
       count(*) as orders,
       sum(o.total) as revenue
from orders o
where o.status <> 'cancelled'
group by 1;
""")
v("12.1", "reporting", "product_sales_view", """\
create view product_sales as
select p.id as product_id, p.sku, sum(l.quantity) as units, sum(l.quantity * l.unit_price) as revenue
from order_line l
join product p on p.id = l.product_id
group by p.id, p.sku;
""")
v("13", "core", "customer_phone", """\
alter table customer add column phone varchar(20);
alter table customer add column marketing_opt_in boolean not null default false;
""")
v("13.1", "core", "customer_phone_wider", """\
-- E.164 plus extensions did not fit
alter table customer alter column phone type varchar(32);
""")
v("14", "inventory", "product_unit_to_enum", """\
-- The unit list is fixed now; an enum replaces the lookup table
create type measure_unit as enum ('ea', 'box', 'kg', 'g', 'l', 'ml', 'm', 'pal');

alter table product drop constraint product_unit_fk;
alter table product alter column unit drop default;
alter table product alter column unit type measure_unit using unit::measure_unit;
alter table product alter column unit set default 'ea';
""")
v("14.1", "inventory", "drop_unit_of_measure", """\
drop table if exists unit_of_measure;
""")
v("15", "sales", "cart", """\
create table cart (
    id uuid primary key default gen_random_uuid(),
    customer_id bigint references customer (id) on delete set null,
    items jsonb not null default '[]'::jsonb,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null default now() + interval '7 days'
);
""")
v("15.1", "sales", "cart_indexes", """\
create index cart_customer_idx on cart (customer_id);
create index cart_expires_idx on cart (expires_at);
""")
v("15.2", "sales", "cart_items_gin", """\
create index cart_items_gin on cart using gin (items jsonb_path_ops);
""")
v("16", "core", "product_tags", """\
alter table product add column tags text[] not null default '{}';
create index product_tags_gin on product using gin (tags);
""")
v("16.1", "core", "product_search", """\
alter table product add column search tsvector
    generated always as (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))) stored;
create index product_search_idx on product using gin (search);
""")
v("17", "sales", "order_total_bigint_cents", """\
-- Totals move to integer cents: a temporary column carries the converted values
alter table orders add column total_cents_tmp bigint;
update orders set total_cents_tmp = round(total * 100);
alter table orders add column total_cents bigint not null default 0;
update orders set total_cents = total_cents_tmp;
alter table orders drop column total_cents_tmp;
""")
v("17.1", "sales", "order_total_cents_check", """\
alter table orders add constraint orders_total_cents_check check (total_cents >= 0) not valid;
alter table orders validate constraint orders_total_cents_check;
""")
v("18", "reporting", "daily_sales_view_cents", """\
create or replace view daily_sales as
select date_trunc('day', o.placed_at) as day,
       count(*) as orders,
       sum(o.total) as revenue,
       sum(o.total_cents) as revenue_cents
from orders o
where o.status not in ('cancelled', 'refunded')
group by 1;
""")
v("18.1", "reporting", "comment_views", """\
comment on view daily_sales is 'One row per day; used by the finance dashboard';
comment on view product_sales is 'Lifetime units and revenue per product';
""")
v("19", "inventory", "suppliers", """\
create table supplier (
    id serial primary key,
    name text not null,
    email text,
    lead_time_days smallint not null default 7
);

create table product_supplier (
    product_id bigint not null references product (id) on delete cascade,
    supplier_id integer not null references supplier (id),
    supplier_sku text,
    cost numeric(10, 2),
    primary key (product_id, supplier_id)
);
""")
v("19.1", "inventory", "supplier_indexes", """\
create index product_supplier_supplier_idx on product_supplier (supplier_id);
create unique index supplier_name_uq on supplier (lower(name));
""")
v("19.2", "inventory", "supplier_lead_time_check", """\
alter table supplier add constraint supplier_lead_time_check check (lead_time_days between 0 and 365);
""")
v("20", "sales", "shipments", """\
create table shipment (
    id bigserial primary key,
    order_id bigint not null,
    warehouse_id integer not null,
    carrier varchar(20) not null,
    tracking_number varchar(40),
    shipped_at timestamptz,
    delivered_at timestamptz
);
""")
v("20.1", "sales", "shipment_fks", """\
alter table shipment add constraint shipment_order_fk foreign key (order_id) references orders (id);
alter table shipment add constraint shipment_warehouse_fk foreign key (warehouse_id) references warehouse (id);
create index shipment_order_idx on shipment (order_id);
""")
v("20.2", "sales", "shipment_tracking_index", """\
create index concurrently if not exists shipment_tracking_idx on shipment (tracking_number) where tracking_number is not null;
""")
v("20.3", "sales", "empty_carrier_note", """\
-- Carriers are validated by the application (see CarrierRegistry); no constraint here on purpose.
""")
v("21", "core", "rename_full_name", """\
alter table customer rename column full_name to display_name;
""")
v("21.1", "core", "customer_display_name_wider", """\
alter table customer alter column display_name type varchar(200);
""")
v("22", "sales", "order_line_quantity_bigint", """\
-- product_sales depends on quantity: drop it for the type change and put it back unchanged
drop view product_sales;

alter table order_line alter column quantity type bigint;

create view product_sales as
select p.id as product_id, p.sku, sum(l.quantity) as units, sum(l.quantity * l.unit_price) as revenue
from order_line l
join product p on p.id = l.product_id
group by p.id, p.sku;
""")
v("22.1", "inventory", "stock_level_integer_to_bigint", """\
alter table stock_level alter column on_hand type bigint;
alter table stock_level alter column reserved type bigint;
""")
v("23", "core", "customer_segments", """\
create type customer_segment as enum ('consumer', 'business');
alter table customer add column segment customer_segment not null default 'consumer';
""")
v("23.1", "core", "customer_segment_public_sector", """\
alter type customer_segment add value 'public_sector';
""")
v("23.2", "core", "business_fields", """\
alter table customer add column company_name varchar(200);
alter table customer add column vat_id varchar(20);
""")
v("24", "core", "vat_id_check", """\
-- Note: constraint only applies to business customers
alter table customer add constraint customer_vat_id_check
    check (segment = 'consumer' or vat_id is not null) not valid;
""")
v("24.1", "core", "validate_vat_id_check", """\
alter table customer validate constraint customer_vat_id_check;
""")
v("25", "reporting", "low_stock_function", """\
create or replace function low_stock(threshold integer default 10)
returns table (warehouse_code varchar, sku varchar, available bigint)
language sql stable
as $$
    select w.code, p.sku, s.on_hand - s.reserved
    from stock_level s
    join warehouse w on w.id = s.warehouse_id
    join product p on p.id = s.product_id
    where s.on_hand - s.reserved < threshold
    order by 3;
$$;
""")
v("25.1", "reporting", "low_stock_comment", """\
comment on function low_stock(integer) is 'Products whose free stock is below the threshold, per warehouse';
""")
v("26", "sales", "returns", """\
create table return_request (
    id bigserial primary key,
    order_line_id bigint not null references order_line (id),
    quantity integer not null,
    reason text,
    status varchar(12) not null default 'open',
    created_at timestamptz not null default now(),
    constraint return_request_quantity_check check (quantity > 0),
    constraint return_request_status_check check (status in ('open', 'approved', 'rejected', 'received'))
);
""")
v("26.1", "sales", "returns_index", """\
create index return_request_open_idx on return_request (created_at) where status = 'open';
""")
v("27", "core", "product_weight", """\
alter table product add column if not exists weight_grams integer;
alter table product add column if not exists dimensions jsonb;
""")
v("27.1", "core", "product_weight_check", """\
alter table product add constraint product_weight_check check (weight_grams is null or weight_grams > 0);
""")
v("28", "inventory", "warehouse_capacity", """\
alter table warehouse add column capacity_pallets integer;
update warehouse set capacity_pallets = case code when 'BER1' then 1200 when 'HAM1' then 3400 else 800 end;
alter table warehouse alter column capacity_pallets set not null;
""")
v("28.1", "inventory", "warehouse_country_codes", """\
alter table warehouse add constraint warehouse_country_check check (country ~ '^[A-Z]{2}$');
""")
v("29", "sales", "order_notes", """\
alter table orders add column notes text;
alter table orders add column gift boolean not null default false;
alter table orders add column gift_message varchar(500);
""")
v("29.1", "sales", "gift_message_check", """\
alter table orders add constraint orders_gift_message_check check (gift or gift_message is null);
""")
v("30", "core", "customer_deleted_at", """\
alter table customer add column deleted_at timestamptz;
create index customer_live_idx on customer (created_at) where deleted_at is null;
""")
v("30.1", "core", "anonymise_function", """\
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
""")
v("31", "reporting", "customer_ltv_view", """\
create view customer_lifetime_value as
select c.id as customer_id, c.email, count(o.id) as orders, coalesce(sum(o.total_cents), 0) as revenue_cents
from customer c
left join orders o on o.customer_id = c.id and o.status in ('paid', 'packing', 'shipped')
where c.deleted_at is null
group by c.id, c.email;
""")
v("31.1", "reporting", "customer_ltv_view_segment", """\
create or replace view customer_lifetime_value as
select c.id as customer_id, c.email, count(o.id) as orders, coalesce(sum(o.total_cents), 0) as revenue_cents,
       c.segment
from customer c
left join orders o on o.customer_id = c.id and o.status in ('paid', 'packing', 'shipped')
where c.deleted_at is null
group by c.id, c.email, c.segment;
""")
v("32", "sales", "drop_orders_total", """\
-- total_cents is the source of truth since V17
drop view daily_sales;
alter table orders drop column total;

create view daily_sales as
select date_trunc('day', o.placed_at) as day,
       count(*) as orders,
       sum(o.total_cents) as revenue_cents
from orders o
where o.status not in ('cancelled', 'refunded')
group by 1;
""")
v("32.1", "sales", "order_line_price_cents", """\
alter table order_line add column unit_price_cents bigint;
update order_line set unit_price_cents = round(unit_price * 100);
alter table order_line alter column unit_price_cents set not null;
""")
v("33", "inventory", "locations", """\
create table bin_location (
    id integer generated by default as identity primary key,
    warehouse_id integer not null references warehouse (id),
    aisle varchar(4) not null,
    shelf smallint not null,
    bin smallint not null,
    label varchar(20) generated always as (aisle || '-' || shelf || '-' || bin) stored
);

create unique index bin_location_uq on bin_location (warehouse_id, aisle, shelf, bin);
""")
v("33.1", "inventory", "seed_bins", """\
insert into bin_location (warehouse_id, aisle, shelf, bin)
select w.id, a.aisle, s.shelf, b.bin
from warehouse w
cross join (values ('A'), ('B'), ('C')) as a (aisle)
cross join generate_series(1, 4) as s (shelf)
cross join generate_series(1, 3) as b (bin)
where w.code = 'BER1';
""")
v("33.2", "inventory", "stock_level_bin", """\
alter table stock_level add column bin_location_id integer references bin_location (id);
""")
v("34", "core", "customer_preferences", """\
alter table customer add column preferences jsonb not null default '{"newsletter": false}';
comment on column customer.preferences is 'Free-form settings; keys documented in docs/preferences.md';
""")
v("34.1", "core", "empty_preferences_followup", """\
-- Intentionally empty: the data fix for preferences ran as a one-off job (ticket OPS-412).
""")
v("35", "sales", "coupons", """\
create table coupon (
    code varchar(20) primary key,
    percent_off smallint,
    amount_off_cents integer,
    valid_from date not null default current_date,
    valid_until date,
    max_redemptions integer,
    constraint coupon_discount_check check ((percent_off is null) <> (amount_off_cents is null)),
    constraint coupon_percent_check check (percent_off between 1 and 100)
);

alter table orders add column coupon_code varchar(20) references coupon (code);
""")
v("35.1", "sales", "coupon_code_wider", """\
alter table coupon alter column code type varchar(40);
alter table orders alter column coupon_code type varchar(40);
""")
v("35.2", "sales", "orders_coupon_index", """\
create index concurrently orders_coupon_idx on orders (coupon_code) where coupon_code is not null;
""")
v("36", "reporting", "monthly_materialized", """\
create materialized view monthly_sales as
select date_trunc('month', placed_at) as month, count(*) as orders, sum(total_cents) as revenue_cents
from orders
where status not in ('cancelled', 'refunded')
group by 1
with no data;

create unique index monthly_sales_month_uq on monthly_sales (month);
""")
v("36.1", "reporting", "comment_monthly", """\
comment on materialized view monthly_sales is 'Refreshed nightly by the reporting job';
""")
v("37", "core", "product_price_history", """\
create table product_price (
    product_id bigint not null references product (id) on delete cascade,
    valid_from timestamptz not null default now(),
    price_cents bigint not null,
    primary key (product_id, valid_from)
);

insert into product_price (product_id, price_cents)
select id, round(price * 100) from product;
""")
v("37.1", "core", "product_price_trigger", """\
create or replace function record_price_change() returns trigger
language plpgsql
as $$
begin
    if new.price is distinct from old.price then
        insert into product_price (product_id, price_cents) values (new.id, round(new.price * 100));
    end if;
    return new;
end
$$;

create trigger product_price_change after update of price on product
    for each row execute function record_price_change();
""")
v("38", "sales", "order_status_history", """\
create table order_status_change (
    id bigserial primary key,
    order_id bigint not null references orders (id) on delete cascade,
    from_status order_status,
    to_status order_status not null,
    changed_at timestamptz not null default now()
);

create index order_status_change_order_idx on order_status_change (order_id, changed_at);
""")
v("38.1", "sales", "order_status_trigger", """\
create function log_order_status() returns trigger
language plpgsql as $log$
begin
    if tg_op = 'INSERT' or new.status is distinct from old.status then
        insert into order_status_change (order_id, from_status, to_status)
        values (new.id, case when tg_op = 'UPDATE' then old.status end, new.status);
    end if;
    return new;
end;
$log$;

create trigger orders_status_log after insert or update of status on orders
    for each row execute function log_order_status();
""")
v("39", "inventory", "drop_warehouse_city", """\
-- city moved to the address service
alter table warehouse drop column city;
""")
v("39.1", "inventory", "warehouse_timezone", """\
alter table warehouse add column timezone text not null default 'Europe/Berlin';
update warehouse set timezone = 'Europe/Vienna' where country = 'AT';
""")
v("40", "core", "customer_id_sequence_comment", """\
comment on table customer is 'People and companies that buy from us';
comment on column customer.segment is 'Drives tax handling: business customers need a VAT id';
comment on table stock_movement is 'Append-only ledger; stock_level is derived from it by trigger';
""")
v("40.1", "core", "drop_product_price_column", """\
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
""")
v("40.2", "sales", "drop_order_line_unit_price", """\
alter table order_line drop column unit_price;
""")
v("41", "sales", "order_channel", """\
create type sales_channel as enum ('web', 'app', 'phone');
alter table orders add column channel sales_channel not null default 'web';
""")
v("41.1", "sales", "order_channel_marketplace", """\
alter type sales_channel add value 'marketplace';
""")
v("41.2", "reporting", "channel_index", """\
create index if not exists orders_channel_placed_idx on orders (channel, placed_at);
""")
v("42", "core", "api_clients", """\
create table api_client (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    secret_hash text not null,
    scopes text[] not null default array['orders:read'],
    created_at timestamptz not null default now(),
    disabled_at timestamptz
);
""")
v("42.1", "core", "api_client_name_unique", """\
alter table api_client add constraint api_client_name_uq unique (name);
""")
v("43", "inventory", "reservation_expiry", """\
create table stock_reservation (
    id bigint generated always as identity,
    cart_id uuid not null references cart (id) on delete cascade,
    product_id bigint not null references product (id),
    warehouse_id integer not null references warehouse (id),
    quantity integer not null check (quantity > 0),
    expires_at timestamptz not null,
    constraint stock_reservation_pkey primary key (id)
);

create index stock_reservation_expires_idx on stock_reservation (expires_at);
""")
v("43.1", "inventory", "empty_reservation_cleanup", """\
-- cleanup of expired reservations is done by the scheduler, not by SQL
-- (kept as a version so that the numbering matches the release notes)
""")
v("44", "sales", "order_placed_brin", """\
create index orders_placed_brin on orders using brin (placed_at);
""")
v("44.1", "sales", "return_quantity_smallint", """\
-- nobody returns more than a pallet at once
alter table return_request alter column quantity type smallint;
""")
v("45", "core", "product_slug", """\
alter table product add column slug varchar(120);
update product set slug = lower(regexp_replace(sku, '[^A-Za-z0-9]+', '-', 'g'));
alter table product alter column slug set not null;
create unique index product_slug_uq on product (slug);
""")
v("45.1", "core", "product_sku_upper_check", """\
alter table product add constraint product_sku_upper_check check (sku = upper(sku));
""")
v("46", "reporting", "stock_value_function", """\
create or replace function stock_value_cents(p_warehouse integer)
returns bigint
language plpgsql stable
as $$
declare
    result bigint;
begin
    select coalesce(sum(s.on_hand * pp.price_cents), 0) into result
    from stock_level s
    join lateral (
        select price_cents from product_price where product_id = s.product_id order by valid_from desc limit 1
    ) pp on true
    where s.warehouse_id = p_warehouse;
    return result;
end;
$$;
""")
v("46.1", "reporting", "drop_monthly_materialized", """\
drop materialized view if exists monthly_sales;
""")


def version_key(version):
    return [int(part) for part in version.split(".")]


def generate(root):
    reset(root)
    names = []
    for version, folder, description, sql in sorted(RELEASES, key=lambda r: version_key(r[0])):
        name = f"V{version}__{description}.sql"
        names.append(name)
        write(os.path.join(root, folder, name), sql)
    return names
