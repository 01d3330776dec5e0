alter table orders add constraint orders_gift_message_check check (gift or gift_message is null);
