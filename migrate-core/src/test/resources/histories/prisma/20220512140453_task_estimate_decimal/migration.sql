/*
  Warnings:

  - You are about to alter the column `estimate` on the `Task` table, which contains data. The data in that column could be lost. The data in that column will be cast from `DoublePrecision` to `Decimal(6,2)`.

*/

-- AlterTable
ALTER TABLE "Task" ALTER COLUMN "estimate" SET DATA TYPE DECIMAL(6,2);
