--
-- Create constraint unique_ticket_type_name on model tickettype
--
ALTER TABLE "tickets_tickettype" ADD CONSTRAINT "unique_ticket_type_name" UNIQUE ("event_id", "name");
