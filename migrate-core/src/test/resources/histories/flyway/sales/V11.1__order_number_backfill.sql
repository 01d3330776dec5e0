update orders set order_number = nextval('order_number_seq') where order_number is null;
