--
-- Add field amount_cents to payment
--
ALTER TABLE "payments_payment" ADD COLUMN "amount_cents" bigint NULL;
--
-- Raw SQL operation
--
UPDATE "payments_payment" SET "amount_cents" = ("amount" * 100)::bigint;
--
-- Alter field amount_cents on payment
--
ALTER TABLE "payments_payment" ALTER COLUMN "amount_cents" SET NOT NULL;
