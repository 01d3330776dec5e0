--
-- Raw SQL operation
--
ALTER TABLE "tickets_ticket" ADD COLUMN "seat_label" varchar(20) GENERATED ALWAYS AS ("row" || '-' || "seat") STORED;
