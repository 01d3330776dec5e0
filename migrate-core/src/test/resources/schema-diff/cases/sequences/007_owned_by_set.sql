-- old
CREATE SEQUENCE invoice_numbers;
CREATE TABLE invoices (id bigint PRIMARY KEY, number bigint);
-- new
CREATE SEQUENCE invoice_numbers;
CREATE TABLE invoices (id bigint PRIMARY KEY, number bigint);
ALTER SEQUENCE invoice_numbers OWNED BY invoices.number;
-- expect-hazards: none
