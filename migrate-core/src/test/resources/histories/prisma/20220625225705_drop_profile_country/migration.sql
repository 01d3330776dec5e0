-- DropForeignKey
ALTER TABLE "Profile" DROP CONSTRAINT "Profile_countryCode_fkey";

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "country" TEXT;

UPDATE "Profile" p SET "country" = c."name" FROM "Country" c WHERE c."code" = p."countryCode";

-- AlterTable
ALTER TABLE "Profile" DROP COLUMN "countryCode";
