CREATE INDEX "Comment_postId_live_idx" ON "Comment"("postId", "createdAt") WHERE "deletedAt" IS NULL;
