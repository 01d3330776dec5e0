-- AlterEnum
ALTER TYPE "TaskPriority" ADD VALUE 'URGENT';
