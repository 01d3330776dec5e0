--
-- Raw SQL operation
--
CREATE OR REPLACE VIEW "tickets_sold" AS
SELECT tt."event_id", tt."id" AS "ticket_type_id", count(t."id") AS "sold", tt."quantity",
       tt."quantity" - count(t."id") AS "remaining"
FROM "tickets_tickettype" tt
LEFT JOIN "tickets_ticket" t ON t."ticket_type_id" = tt."id"
GROUP BY tt."event_id", tt."id", tt."quantity";
