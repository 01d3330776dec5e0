-- old
CREATE TABLE "Product" ("id" integer NOT NULL, "priceCents" integer NOT NULL, CONSTRAINT "Product_pkey" PRIMARY KEY ("id"));
-- new
CREATE TABLE "Product" ("id" integer NOT NULL, "priceCents" bigint NOT NULL, CONSTRAINT "Product_pkey" PRIMARY KEY ("id"));
-- expect-hazards: REWRITES_TABLE, ACQUIRES_ACCESS_EXCLUSIVE_LOCK
