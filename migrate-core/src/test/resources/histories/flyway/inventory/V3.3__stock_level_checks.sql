alter table stock_level add constraint stock_level_on_hand_check check (on_hand >= 0);
alter table stock_level add constraint stock_level_reserved_check check (reserved >= 0 and reserved <= on_hand);
