alter type sales_channel add value 'marketplace';
