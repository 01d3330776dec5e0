-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "countryCode" CHAR(2);

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_countryCode_fkey" FOREIGN KEY ("countryCode") REFERENCES "Country"("code") ON DELETE SET NULL ON UPDATE CASCADE;
