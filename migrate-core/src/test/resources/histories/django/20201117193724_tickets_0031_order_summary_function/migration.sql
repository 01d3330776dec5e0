--
-- Raw SQL operation
--
CREATE OR REPLACE FUNCTION tickets_order_summary(p_order bigint)
RETURNS TABLE ("ticket_type" varchar, "count" bigint, "amount_cents" bigint)
LANGUAGE sql STABLE AS $$
    SELECT tt."name", count(*), sum(tt."price_cents")::bigint
    FROM "tickets_ticket" t JOIN "tickets_tickettype" tt ON tt."id" = t."ticket_type_id"
    WHERE t."order_id" = p_order
    GROUP BY tt."name";
$$;
