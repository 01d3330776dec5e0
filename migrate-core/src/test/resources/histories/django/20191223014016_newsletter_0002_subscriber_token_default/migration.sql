--
-- Raw SQL operation
--
ALTER TABLE "newsletter_subscriber" ALTER COLUMN "token" SET DEFAULT gen_random_uuid();
