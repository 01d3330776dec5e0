-- Backfill before making the column required
UPDATE "Task" SET "dueAt" = now() + interval '30 days' WHERE "dueAt" IS NULL;
ALTER TABLE "Task" ALTER COLUMN "dueAt" SET NOT NULL;
