--
-- Raw SQL operation
--
DO $$
BEGIN
    CREATE TYPE "tickets_order_status" AS ENUM ('pending', 'paid', 'cancelled');
EXCEPTION
    WHEN duplicate_object THEN NULL;
END $$;
