--
-- Create model Subscriber
--
CREATE TABLE "newsletter_subscriber" ("id" serial NOT NULL PRIMARY KEY, "email" varchar(254) NOT NULL UNIQUE, "confirmed" boolean NOT NULL, "token" uuid NOT NULL UNIQUE, "created" timestamp with time zone NOT NULL);
CREATE INDEX "newsletter_subscriber_email_885b8aa4_like" ON "newsletter_subscriber" ("email" varchar_pattern_ops);
--
-- Create model Campaign
--
CREATE TABLE "newsletter_campaign" ("id" serial NOT NULL PRIMARY KEY, "subject" varchar(200) NOT NULL, "body" text NOT NULL, "sent_at" timestamp with time zone NULL);
