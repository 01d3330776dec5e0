-- AlterTable
ALTER TABLE "User" ADD COLUMN "displayName" TEXT GENERATED ALWAYS AS (coalesce("firstName" || ' ' || "lastName", "firstName", "email")) STORED;
