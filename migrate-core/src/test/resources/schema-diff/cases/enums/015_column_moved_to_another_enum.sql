-- note: there is no cast from one enum to another: the value goes through text; the default is set again around it;
-- note: found in the prisma history
-- old
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
CREATE TABLE "Membership" (id bigint PRIMARY KEY, role "Role" NOT NULL DEFAULT 'USER');
-- new
CREATE TYPE "MemberRole" AS ENUM ('OWNER', 'ADMIN', 'MEMBER');
CREATE TABLE "Membership" (id bigint PRIMARY KEY, role "MemberRole" NOT NULL DEFAULT 'MEMBER');
-- expect-hazards: ACQUIRES_ACCESS_EXCLUSIVE_LOCK, REWRITES_TABLE, BREAKS_OLD_CODE
