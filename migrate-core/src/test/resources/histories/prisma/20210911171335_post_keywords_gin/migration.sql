-- CreateIndex
CREATE INDEX "Post_keywords_idx" ON "Post" USING GIN ("keywords");
