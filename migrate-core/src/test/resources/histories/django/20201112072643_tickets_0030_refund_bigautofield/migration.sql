--
-- Alter field id on refund
--
ALTER TABLE "tickets_refund" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "tickets_refund_id_seq" AS bigint;
