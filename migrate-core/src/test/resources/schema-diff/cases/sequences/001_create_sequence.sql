-- old
-- new
CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 1;
-- expect-hazards: none
