--
-- Alter field currency on payment
--
ALTER TABLE "payments_payment" ALTER COLUMN "currency" SET DEFAULT 'EUR';
