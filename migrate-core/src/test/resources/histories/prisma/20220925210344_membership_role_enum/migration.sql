-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('OWNER', 'ADMIN', 'MEMBER', 'GUEST');

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "memberRole" "MemberRole" NOT NULL DEFAULT 'MEMBER';

UPDATE "Membership" SET "memberRole" = 'ADMIN' WHERE "role" = 'ADMIN';
