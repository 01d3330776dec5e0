--
-- Create model Refund
--
CREATE TABLE "tickets_refund" ("id" serial NOT NULL PRIMARY KEY, "amount" numeric(10, 2) NOT NULL, "reason" text NOT NULL, "created" timestamp with time zone NOT NULL, "order_id" integer NOT NULL);
ALTER TABLE "tickets_refund" ADD CONSTRAINT "tickets_refund_order_id_7cda53e5_fk_tickets_order_id" FOREIGN KEY ("order_id") REFERENCES "tickets_order" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "tickets_refund_order_id_ee05bba8" ON "tickets_refund" ("order_id");
