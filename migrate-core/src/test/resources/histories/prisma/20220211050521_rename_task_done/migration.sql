-- AlterTable
ALTER TABLE "Task" RENAME COLUMN "done" TO "completed";
