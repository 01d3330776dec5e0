--
-- Raw SQL operation
--
ALTER TABLE "tickets_ticket" ALTER COLUMN "code" SET DEFAULT replace(gen_random_uuid()::text, '-', '');
