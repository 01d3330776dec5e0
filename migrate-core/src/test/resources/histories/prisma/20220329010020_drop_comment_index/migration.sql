-- DropIndex
DROP INDEX "Comment_postId_idx";
