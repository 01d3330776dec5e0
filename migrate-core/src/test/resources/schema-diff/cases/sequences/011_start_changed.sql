-- old
CREATE SEQUENCE order_numbers START WITH 1;
-- new
CREATE SEQUENCE order_numbers START WITH 100000;
-- expect-hazards: none
