-- old
CREATE SEQUENCE ticket_numbers MINVALUE 1 MAXVALUE 9999;
-- new
CREATE SEQUENCE ticket_numbers MINVALUE 1 MAXVALUE 99999 CACHE 20 CYCLE;
-- expect-hazards: none
