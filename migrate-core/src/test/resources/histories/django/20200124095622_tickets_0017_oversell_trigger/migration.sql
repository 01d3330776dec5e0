--
-- Raw SQL operation
--
CREATE FUNCTION tickets_prevent_oversell() RETURNS trigger
LANGUAGE plpgsql AS $trg$
DECLARE
    left_over integer;
BEGIN
    SELECT "remaining" INTO left_over FROM "tickets_sold" WHERE "ticket_type_id" = NEW."ticket_type_id";
    IF left_over < 0 THEN
        RAISE EXCEPTION 'ticket type % is sold out', NEW."ticket_type_id" USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$trg$;

CREATE CONSTRAINT TRIGGER "tickets_ticket_oversell" AFTER INSERT ON "tickets_ticket"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tickets_prevent_oversell();
