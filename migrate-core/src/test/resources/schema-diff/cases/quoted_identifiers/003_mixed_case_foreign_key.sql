-- old
CREATE TABLE "User" ("id" integer NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" integer NOT NULL, "authorId" integer NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
-- new
CREATE TABLE "User" ("id" integer NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Post" ("id" integer NOT NULL, "authorId" integer NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE);
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, SCANS_TABLE
