-- old
CREATE SCHEMA billing;
-- new
CREATE SCHEMA billing;
CREATE SEQUENCE billing.credit_note_numbers START WITH 500;
COMMENT ON SEQUENCE billing.credit_note_numbers IS 'Numbers printed on credit notes';
-- expect-hazards: none
