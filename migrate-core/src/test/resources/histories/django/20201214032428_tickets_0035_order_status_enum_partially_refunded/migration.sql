--
-- Raw SQL operation
--
ALTER TYPE "tickets_order_status" ADD VALUE 'partially_refunded' AFTER 'paid';
