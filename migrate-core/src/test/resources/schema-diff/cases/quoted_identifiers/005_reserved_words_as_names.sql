-- old
CREATE TABLE "order" ("id" bigint PRIMARY KEY, "user" text);
-- new
CREATE TABLE "order" ("id" bigint PRIMARY KEY, "user" text NOT NULL, "group" text, "select" integer DEFAULT 1);
CREATE INDEX "order_group_idx" ON "order" ("group");
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, SCANS_TABLE, INDEX_BUILD, BREAKS_OLD_CODE
