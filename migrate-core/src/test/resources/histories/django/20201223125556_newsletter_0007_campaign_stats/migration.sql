--
-- Add field recipients to campaign
--
ALTER TABLE "newsletter_campaign" ADD COLUMN "recipients" integer NULL CHECK ("recipients" >= 0);
--
-- Add field opens to campaign
--
ALTER TABLE "newsletter_campaign" ADD COLUMN "opens" integer CHECK ("opens" >= 0) DEFAULT 0 NOT NULL;
ALTER TABLE "newsletter_campaign" ALTER COLUMN "opens" DROP DEFAULT;
