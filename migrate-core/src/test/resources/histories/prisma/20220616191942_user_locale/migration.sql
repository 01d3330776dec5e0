-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" VARCHAR(5) NOT NULL DEFAULT 'en';
