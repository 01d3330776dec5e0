-- note: its current value is lost
-- old
CREATE SEQUENCE invoice_numbers;
-- new
-- expect-hazards: DELETES_DATA, BREAKS_OLD_CODE
