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
