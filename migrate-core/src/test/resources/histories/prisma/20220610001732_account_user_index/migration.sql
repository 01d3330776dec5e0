-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");
