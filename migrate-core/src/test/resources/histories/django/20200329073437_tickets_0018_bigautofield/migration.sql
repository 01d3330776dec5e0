--
-- Alter field id on order
--
ALTER TABLE "tickets_order" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "tickets_order_id_seq" AS bigint;
ALTER TABLE "tickets_ticket" ALTER COLUMN "order_id" TYPE bigint USING "order_id"::bigint;
ALTER TABLE "tickets_refund" ALTER COLUMN "order_id" TYPE bigint USING "order_id"::bigint;
ALTER TABLE "payments_payment" ALTER COLUMN "order_id" TYPE bigint USING "order_id"::bigint;
--
-- Alter field id on ticket
--
ALTER TABLE "tickets_ticket" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "tickets_ticket_id_seq" AS bigint;
--
-- Alter field id on tickettype
--
ALTER TABLE "tickets_tickettype" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;
ALTER SEQUENCE IF EXISTS "tickets_tickettype_id_seq" AS bigint;
ALTER TABLE "tickets_ticket" ALTER COLUMN "ticket_type_id" TYPE bigint USING "ticket_type_id"::bigint;
--
-- Raw SQL operation
--
CREATE VIEW "tickets_sold" AS
SELECT tt."event_id", tt."id" AS "ticket_type_id", count(t."id") AS "sold", tt."quantity",
       tt."quantity" - count(t."id") AS "remaining"
FROM "tickets_tickettype" tt
LEFT JOIN "tickets_ticket" t ON t."ticket_type_id" = tt."id"
GROUP BY tt."event_id", tt."id", tt."quantity";
