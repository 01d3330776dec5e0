-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- Backfill from the old flag
UPDATE "Post" SET "publishedAt" = "updatedAt" WHERE "published";
