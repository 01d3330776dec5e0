--
-- Alter field raw on payment
--
ALTER TABLE "payments_payment" ALTER COLUMN "raw" TYPE jsonb USING "raw"::jsonb;
