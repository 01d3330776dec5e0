-- AlterTable
ALTER TABLE "Attachment" ALTER COLUMN "sizeBytes" SET DATA TYPE BIGINT;
