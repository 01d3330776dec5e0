-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "website" TEXT,
ADD COLUMN     "pronouns" VARCHAR(32),
ADD COLUMN     "links" JSONB NOT NULL DEFAULT '[]';
