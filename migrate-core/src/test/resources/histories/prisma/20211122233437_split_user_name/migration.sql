/*
  Warnings:

  - You are about to drop the column `name` on the `User` table. All the data in the column will be lost.

*/

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "firstName" TEXT,
ADD COLUMN     "lastName" TEXT,
ADD COLUMN     "name_tmp" TEXT;

-- Hand-edited: keep the names Prisma would drop
UPDATE "User" SET "name_tmp" = "name";
UPDATE "User" SET "firstName" = split_part("name_tmp", ' ', 1),
                  "lastName" = nullif(substr("name_tmp", length(split_part("name_tmp", ' ', 1)) + 2), '');

-- AlterTable
ALTER TABLE "User" DROP COLUMN "name",
DROP COLUMN "name_tmp";
