-- old
-- new
CREATE SCHEMA "my schema";
CREATE TABLE "my schema"."odd ""table""" ("the id" bigint PRIMARY KEY, "weird-col" text);
CREATE VIEW "my schema"."Odd View" AS SELECT "the id", "weird-col" FROM "my schema"."odd ""table""";
COMMENT ON COLUMN "my schema"."odd ""table"""."weird-col" IS 'a dash in the name';
-- expect-hazards: none
