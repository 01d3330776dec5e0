-- old
CREATE SEQUENCE seq;
CREATE TABLE t (id bigint PRIMARY KEY, at timestamptz);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER t_stamp BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION stamp();
-- new
CREATE SEQUENCE seq;
COMMENT ON SEQUENCE seq IS 'Shared counter';
CREATE TABLE t (id bigint PRIMARY KEY, at timestamptz);
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; END $$;
CREATE TRIGGER t_stamp BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION stamp();
COMMENT ON TRIGGER t_stamp ON t IS 'Sets at';
-- expect-hazards: none
