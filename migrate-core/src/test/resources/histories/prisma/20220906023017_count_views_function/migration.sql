CREATE OR REPLACE FUNCTION count_post_view() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE "Post" SET "viewCount" = "viewCount" + 1 WHERE "id" = NEW."postId";
    RETURN NULL;
END;
$fn$;

CREATE TRIGGER "PostView_count" AFTER INSERT ON "PostView" FOR EACH ROW EXECUTE FUNCTION count_post_view();
