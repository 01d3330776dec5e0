--
-- Create model TicketType
--
CREATE TABLE "tickets_tickettype" ("id" serial NOT NULL PRIMARY KEY, "name" varchar(100) NOT NULL, "price" numeric(8, 2) NOT NULL, "quantity" integer NOT NULL CHECK ("quantity" >= 0), "event_id" integer NOT NULL);
--
-- Create model Order
--
CREATE TABLE "tickets_order" ("id" serial NOT NULL PRIMARY KEY, "created" timestamp with time zone NOT NULL, "email" varchar(254) NOT NULL, "status" varchar(20) NOT NULL, "user_id" integer NULL);
--
-- Create model Ticket
--
CREATE TABLE "tickets_ticket" ("id" serial NOT NULL PRIMARY KEY, "code" varchar(32) NOT NULL UNIQUE, "order_id" integer NOT NULL, "ticket_type_id" integer NOT NULL);
CREATE INDEX "tickets_ticket_code_1da60e67_like" ON "tickets_ticket" ("code" varchar_pattern_ops);
ALTER TABLE "tickets_tickettype" ADD CONSTRAINT "tickets_tickettype_event_id_4cd03fb5_fk_events_event_id" FOREIGN KEY ("event_id") REFERENCES "events_event" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "tickets_tickettype_event_id_89dd763d" ON "tickets_tickettype" ("event_id");
ALTER TABLE "tickets_order" ADD CONSTRAINT "tickets_order_user_id_b2c4c705_fk_accounts_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "tickets_order_user_id_badabf11" ON "tickets_order" ("user_id");
ALTER TABLE "tickets_ticket" ADD CONSTRAINT "tickets_ticket_order_id_17020515_fk_tickets_order_id" FOREIGN KEY ("order_id") REFERENCES "tickets_order" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "tickets_ticket_order_id_91a19dde" ON "tickets_ticket" ("order_id");
ALTER TABLE "tickets_ticket" ADD CONSTRAINT "tickets_ticket_ticket_type_id_763402dc_fk_tickets_tickettype_id" FOREIGN KEY ("ticket_type_id") REFERENCES "tickets_tickettype" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "tickets_ticket_ticket_type_id_e4b660f7" ON "tickets_ticket" ("ticket_type_id");
