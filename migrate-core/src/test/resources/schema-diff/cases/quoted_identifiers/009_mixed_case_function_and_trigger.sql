-- old
CREATE TABLE "Post" ("id" integer PRIMARY KEY, "updatedAt" timestamp(3));
-- new
CREATE TABLE "Post" ("id" integer PRIMARY KEY, "updatedAt" timestamp(3));
CREATE FUNCTION "setUpdatedAt"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW."updatedAt" := now(); RETURN NEW; END $$;
CREATE TRIGGER "Post_touch" BEFORE UPDATE ON "Post" FOR EACH ROW EXECUTE FUNCTION "setUpdatedAt"();
-- expect-hazards: UNTRACKED_DEPENDENCIES, ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK
