-- Tasks without a due date sort last
ALTER TABLE "Task" ADD COLUMN "sortKey" BIGINT GENERATED ALWAYS AS IDENTITY;
