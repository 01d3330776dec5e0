drop index customer_email_uq;
create unique index customer_email_lower_uq on customer (lower(email));
