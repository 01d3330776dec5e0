-- note: there is no cast from one enum to another: the value goes through text; the old type stays (another table
-- note: uses it); found in the prisma history
-- old
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "User" (id bigint PRIMARY KEY, role "Role" NOT NULL DEFAULT 'USER');
CREATE TABLE "Membership" (id bigint PRIMARY KEY, role "Role" NOT NULL);
-- new
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TYPE "MemberRole" AS ENUM ('OWNER', 'ADMIN', 'MEMBER');
CREATE TABLE "User" (id bigint PRIMARY KEY, role "Role" NOT NULL DEFAULT 'USER');
CREATE TABLE "Membership" (id bigint PRIMARY KEY, role "MemberRole" NOT NULL);
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, BREAKS_OLD_CODE
