-- note: the function first; CREATE TRIGGER takes a SHARE ROW EXCLUSIVE lock
-- old
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
-- new
CREATE TABLE documents (id bigint PRIMARY KEY, body text, updated_at timestamptz);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END; $$;
CREATE TRIGGER documents_touch BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
-- expect-hazards: UNTRACKED_DEPENDENCIES, ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK
