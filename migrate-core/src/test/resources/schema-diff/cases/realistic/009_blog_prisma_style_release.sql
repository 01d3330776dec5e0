-- note: a Prisma-style schema (quoted names, timestamp(3), text ids) gains a relation table and loses a column
-- old
CREATE TABLE "User" ("id" text NOT NULL, "email" text NOT NULL, "name" text, "bio" text, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User_email_key" ON "User" ("email");
CREATE TABLE "Post" ("id" text NOT NULL, "title" text NOT NULL, "authorId" text NOT NULL, "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE);
-- new
CREATE TABLE "User" ("id" text NOT NULL, "email" text NOT NULL, "name" text, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User_email_key" ON "User" ("email");
CREATE TABLE "Post" ("id" text NOT NULL, "title" text NOT NULL, "authorId" text NOT NULL, "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published" boolean NOT NULL DEFAULT false,
    CONSTRAINT "Post_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE);
CREATE TABLE "Tag" ("id" text NOT NULL, "label" text NOT NULL, CONSTRAINT "Tag_pkey" PRIMARY KEY ("id"));
CREATE TABLE "_PostToTag" ("A" text NOT NULL, "B" text NOT NULL,
    CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
CREATE UNIQUE INDEX "_PostToTag_AB_unique" ON "_PostToTag" ("A", "B");
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag" ("B");
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK, DELETES_DATA, BREAKS_OLD_CODE
