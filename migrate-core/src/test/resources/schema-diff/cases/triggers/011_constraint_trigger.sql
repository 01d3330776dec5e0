-- old
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$;
-- new
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$;
CREATE CONSTRAINT TRIGGER documents_check AFTER INSERT ON documents DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- expect-hazards: ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK
