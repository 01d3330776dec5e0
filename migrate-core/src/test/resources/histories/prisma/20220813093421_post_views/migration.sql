-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "viewCount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Post" ADD CONSTRAINT "Post_viewCount_check" CHECK ("viewCount" >= 0) NOT VALID;

ALTER TABLE "Post" VALIDATE CONSTRAINT "Post_viewCount_check";
