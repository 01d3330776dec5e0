-- Hand-written: the sequence is close to 2^31 on the largest tenant
ALTER TABLE "TaskComment" ALTER COLUMN "id" SET DATA TYPE BIGINT;
ALTER SEQUENCE "TaskComment_id_seq" AS BIGINT;
