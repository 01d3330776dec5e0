--
-- Raw SQL operation
--
ALTER TYPE "tickets_order_status" ADD VALUE IF NOT EXISTS 'refunded';
