alter table stock_level alter column on_hand type bigint;
alter table stock_level alter column reserved type bigint;
