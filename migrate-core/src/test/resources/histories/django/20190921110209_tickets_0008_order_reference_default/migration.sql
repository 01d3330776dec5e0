--
-- Raw SQL operation
--
ALTER TABLE "tickets_order" ALTER COLUMN "reference" SET DEFAULT tickets_next_reference();
