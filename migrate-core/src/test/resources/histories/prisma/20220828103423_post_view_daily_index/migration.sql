CREATE INDEX "PostView_postId_day_idx" ON "PostView" ("postId", (("viewedAt")::date));
