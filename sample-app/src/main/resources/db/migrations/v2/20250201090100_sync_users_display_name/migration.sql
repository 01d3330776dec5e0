-- Expand (release v2): while v1 instances still run, they write only users.name. This trigger copies what they
-- write into display_name, so that no row written during the rollout is left behind:
--   INSERT with display_name NULL (v1)                    -> display_name := name
--   UPDATE that changes name but not display_name (v1)    -> display_name := name
-- v2 writes both columns and v3 only display_name, so neither is changed by it. The v3 contract migration drops it.
CREATE FUNCTION users_sync_display_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.display_name IS NULL THEN
            NEW.display_name := NEW.name;
        END IF;
    ELSIF NEW.name IS DISTINCT FROM OLD.name AND NEW.display_name IS NOT DISTINCT FROM OLD.display_name THEN
        NEW.display_name := NEW.name;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER users_sync_display_name
    BEFORE INSERT OR UPDATE OF name ON users
    FOR EACH ROW EXECUTE FUNCTION users_sync_display_name();
