alter type customer_segment add value 'public_sector';
