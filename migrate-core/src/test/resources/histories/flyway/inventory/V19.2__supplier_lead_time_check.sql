alter table supplier add constraint supplier_lead_time_check check (lead_time_days between 0 and 365);
