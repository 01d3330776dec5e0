-- old
CREATE TABLE "Product" ("id" integer NOT NULL, "legacySku" text, CONSTRAINT "Product_pkey" PRIMARY KEY ("id"));
-- new
CREATE TABLE "Product" ("id" integer NOT NULL, CONSTRAINT "Product_pkey" PRIMARY KEY ("id"));
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
