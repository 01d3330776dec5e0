-- DropIndex
DROP INDEX "User_email_key";

-- Unique among live users only
CREATE UNIQUE INDEX "User_email_live_key" ON "User"("email") WHERE "deletedAt" IS NULL;
