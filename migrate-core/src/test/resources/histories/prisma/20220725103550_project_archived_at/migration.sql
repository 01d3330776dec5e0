-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "archivedAt" TIMESTAMP(3);

UPDATE "Project" SET "archivedAt" = "updatedAt" WHERE "status" = 'ARCHIVED';
