alter table customer validate constraint customer_vat_id_check;
