CREATE TRIGGER "Post_set_updated_at" BEFORE UPDATE ON "Post"
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
