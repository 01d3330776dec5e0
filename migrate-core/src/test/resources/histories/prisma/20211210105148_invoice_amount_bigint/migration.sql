-- AlterTable
ALTER TABLE "Invoice" ALTER COLUMN "amountCents" SET DATA TYPE BIGINT;
