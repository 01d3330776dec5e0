-- note: the sequence exists before the default that calls nextval on it; nextval is volatile
-- old
CREATE TABLE invoices (id bigint PRIMARY KEY);
-- new
CREATE SEQUENCE invoice_numbers START WITH 1000;
CREATE TABLE invoices (id bigint PRIMARY KEY, number bigint DEFAULT nextval('invoice_numbers'));
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
