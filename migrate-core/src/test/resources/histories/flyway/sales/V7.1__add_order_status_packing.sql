alter type order_status add value 'packing' after 'paid';
