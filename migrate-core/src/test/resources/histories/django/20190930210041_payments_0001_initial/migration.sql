--
-- Create model Payment
--
CREATE TABLE "payments_payment" ("id" serial NOT NULL PRIMARY KEY, "provider" varchar(20) NOT NULL, "provider_id" varchar(64) NOT NULL, "amount" numeric(10, 2) NOT NULL, "currency" varchar(3) NOT NULL, "status" varchar(20) NOT NULL, "created" timestamp with time zone NOT NULL, "raw" text NOT NULL, "order_id" integer NOT NULL);
ALTER TABLE "payments_payment" ADD CONSTRAINT "payments_payment_order_id_22c479b7_fk_tickets_order_id" FOREIGN KEY ("order_id") REFERENCES "tickets_order" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "payments_payment_order_id_3d34b931" ON "payments_payment" ("order_id");
--
-- Alter unique_together for payment (1 constraint(s))
--
ALTER TABLE "payments_payment" ADD CONSTRAINT "payments_payment_provider_provider_id_2fba727d_uniq" UNIQUE ("provider", "provider_id");
