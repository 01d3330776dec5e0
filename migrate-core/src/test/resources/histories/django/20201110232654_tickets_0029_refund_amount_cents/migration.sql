--
-- Rename field amount on refund to amount_cents
--
ALTER TABLE "tickets_refund" RENAME COLUMN "amount" TO "amount_cents";
--
-- Alter field amount_cents on refund
--
ALTER TABLE "tickets_refund" ALTER COLUMN "amount_cents" TYPE bigint USING ("amount_cents" * 100)::bigint;
