-- old
CREATE TABLE "User" ("id" integer NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
-- new
CREATE TABLE "User" ("id" integer NOT NULL, "displayName" text, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE INDEX "User_displayName_idx" ON "User" ("displayName");
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, INDEX_BUILD
