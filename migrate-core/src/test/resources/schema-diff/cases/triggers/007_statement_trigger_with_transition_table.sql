-- old
CREATE TABLE stock (id bigint PRIMARY KEY, qty integer NOT NULL);
CREATE TABLE stock_log (at timestamptz NOT NULL DEFAULT now(), changed integer NOT NULL);
-- new
CREATE TABLE stock (id bigint PRIMARY KEY, qty integer NOT NULL);
CREATE TABLE stock_log (at timestamptz NOT NULL DEFAULT now(), changed integer NOT NULL);
CREATE FUNCTION log_stock_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stock_log (changed) SELECT count(*) FROM new_rows;
    RETURN NULL;
END;
$$;
CREATE TRIGGER stock_changes AFTER UPDATE ON stock REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_stock_changes();
-- expect-hazards: UNTRACKED_DEPENDENCIES, ACQUIRES_SHARE_ROW_EXCLUSIVE_LOCK
