ALTER TABLE "Task" ADD CONSTRAINT "Task_title_check" CHECK (length(btrim("title")) > 0);
