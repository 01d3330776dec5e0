--
-- Alter field id on payment
--
ALTER TABLE "payments_payment" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "payments_payment_id_seq" AS bigint;
