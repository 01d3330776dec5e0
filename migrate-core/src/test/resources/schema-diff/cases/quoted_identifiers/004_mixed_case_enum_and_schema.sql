-- old
CREATE SCHEMA "Billing";
CREATE TYPE "Billing"."PlanKind" AS ENUM ('FREE', 'PRO');
-- new
CREATE SCHEMA "Billing";
CREATE TYPE "Billing"."PlanKind" AS ENUM ('FREE', 'PRO', 'ENTERPRISE');
CREATE TABLE "Billing"."Subscription" ("id" bigint PRIMARY KEY, "kind" "Billing"."PlanKind" NOT NULL DEFAULT 'FREE');
-- expect-hazards: none
