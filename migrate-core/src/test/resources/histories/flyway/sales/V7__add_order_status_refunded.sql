alter type order_status add value if not exists 'refunded';
