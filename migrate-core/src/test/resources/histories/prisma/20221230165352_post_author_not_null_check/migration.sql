-- Content column must be set for published posts
UPDATE "Post" SET "content" = '' WHERE "content" IS NULL;
ALTER TABLE "Post" ALTER COLUMN "content" SET DEFAULT '',
ALTER COLUMN "content" SET NOT NULL;
