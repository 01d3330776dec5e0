-- note: Prisma-style names that need quotes
-- old
-- new
CREATE TABLE "User" ("id" integer NOT NULL, "emailAddress" text NOT NULL, "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User_emailAddress_key" ON "User" ("emailAddress");
-- expect-hazards: none
