-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "logoUrl" TEXT,
ADD COLUMN     "allowedDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];
