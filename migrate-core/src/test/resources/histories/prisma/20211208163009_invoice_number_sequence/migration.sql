-- Invoice numbers are global and gapless enough for accounting
CREATE SEQUENCE invoice_number_seq START WITH 10001 INCREMENT BY 1 NO CYCLE;
ALTER TABLE "Invoice" ALTER COLUMN "number" SET DEFAULT nextval('invoice_number_seq');
ALTER SEQUENCE invoice_number_seq OWNED BY "Invoice"."number";
