ALTER TABLE "Membership" RENAME COLUMN "memberRole" TO "role";
