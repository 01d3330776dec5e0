--
-- Remove field amount from payment
--
ALTER TABLE "payments_payment" DROP COLUMN "amount" CASCADE;
