-- RenameIndex
ALTER INDEX "Comment_authorId_createdAt_idx" RENAME TO "Comment_author_created_idx";
