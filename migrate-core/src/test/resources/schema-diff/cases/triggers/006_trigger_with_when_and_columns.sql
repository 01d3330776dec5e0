-- old
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$;
-- new
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$;
CREATE TRIGGER documents_touch_body BEFORE UPDATE OF body ON documents FOR EACH ROW
    WHEN (OLD.body IS DISTINCT FROM NEW.body) EXECUTE FUNCTION touch_updated_at();
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK
