package dev.slipway.migrate.test;

import java.util.List;

/**
 * Records every DDL command run in a database, by anyone, from the moment it is installed: event triggers on
 * {@code ddl_command_end} and {@code sql_drop} write each object that {@code pg_event_trigger_ddl_commands()} and
 * {@code pg_event_trigger_dropped_objects()} report into {@code ddl_log.command} (schema {@code ddl_log}, which the
 * tests leave out of their schema comparisons). A test installs it before Slipway starts and then asserts what
 * Slipway changed, or that it changed nothing but its own tables.
 */
public final class DdlLog {

    private final TestDatabase db;

    private DdlLog(TestDatabase db) {
        this.db = db;
    }

    /** Installs the event triggers in the database (they need a superuser, as the test server's user is). */
    public static DdlLog install(TestDatabase db) {
        db.execute("CREATE SCHEMA ddl_log;"
                + " CREATE TABLE ddl_log.command (n bigserial PRIMARY KEY, tag text, object_type text,"
                + "   object_identity text);"
                + " CREATE FUNCTION ddl_log.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                + " BEGIN"
                + "   INSERT INTO ddl_log.command (tag, object_type, object_identity)"
                + "   SELECT command_tag, object_type, object_identity FROM pg_event_trigger_ddl_commands()"
                + "   WHERE schema_name IS DISTINCT FROM 'ddl_log';"
                + " END $$;"
                + " CREATE FUNCTION ddl_log.on_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$"
                + " BEGIN"
                + "   INSERT INTO ddl_log.command (tag, object_type, object_identity)"
                + "   SELECT 'DROP', object_type, object_identity FROM pg_event_trigger_dropped_objects()"
                + "   WHERE schema_name IS DISTINCT FROM 'ddl_log';"
                + " END $$;"
                + " CREATE EVENT TRIGGER ddl_log_commands ON ddl_command_end EXECUTE FUNCTION ddl_log.on_ddl();"
                + " CREATE EVENT TRIGGER ddl_log_drops ON sql_drop EXECUTE FUNCTION ddl_log.on_drop();");
        return new DdlLog(db);
    }

    /** What was logged since the last {@link #clear()}, in order, as {@code TAG object_type identity}. */
    public List<String> commands() {
        return db.queryStrings("SELECT tag || ' ' || object_type || ' ' || coalesce(object_identity, '')"
                + " FROM ddl_log.command ORDER BY n");
    }

    /**
     * What was logged since the last {@link #clear()}, in order, as {@code <command tag> <identity>} for a command
     * ({@code CREATE TABLE public.users}) and {@code DROP <object type> <identity>} for a dropped object.
     */
    public List<String> tagged() {
        return db.queryStrings("SELECT CASE WHEN tag = 'DROP' THEN 'DROP ' || object_type ELSE tag END || ' '"
                + " || coalesce(object_identity, '') FROM ddl_log.command ORDER BY n");
    }

    /** The identities of the objects touched since the last {@link #clear()}. */
    public List<String> objects() {
        return db.queryStrings("SELECT coalesce(object_identity, '') FROM ddl_log.command ORDER BY n");
    }

    /** Forgets what was logged so far. */
    public void clear() {
        db.execute("DELETE FROM ddl_log.command");
    }

    /** Drops the event triggers (they would log the test's own cleanup otherwise). */
    public void uninstall() {
        db.execute("DROP EVENT TRIGGER IF EXISTS ddl_log_commands; DROP EVENT TRIGGER IF EXISTS ddl_log_drops");
    }
}
