-- old
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$;
CREATE TRIGGER documents_touch BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- new
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$;
CREATE TRIGGER documents_touch BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE documents DISABLE TRIGGER documents_touch;
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK
