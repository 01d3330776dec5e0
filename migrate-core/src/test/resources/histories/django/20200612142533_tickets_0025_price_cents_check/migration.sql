--
-- Create constraint price_cents_gte_0 on model tickettype
--
ALTER TABLE "tickets_tickettype" ADD CONSTRAINT "price_cents_gte_0" CHECK ("price_cents" >= 0);
