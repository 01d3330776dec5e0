alter table coupon alter column code type varchar(40);
alter table orders alter column coupon_code type varchar(40);
