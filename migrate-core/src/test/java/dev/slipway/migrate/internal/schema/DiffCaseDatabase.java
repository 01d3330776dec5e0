package dev.slipway.migrate.internal.schema;

import dev.slipway.migrate.internal.schema.source.ServerLogin;
import dev.slipway.migrate.internal.sql.SqlStatement;
import dev.slipway.migrate.internal.sql.StatementSplitter;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scratch database for one side of a schema diff, created with {@code CREATE DATABASE} on the server of a test
 * class's {@link TestDatabase} and dropped by {@link #close()} (with {@code FORCE}, so a connection a failed test
 * left open does not keep it).
 *
 * <ol>
 *   <li>{@link #create} makes it from {@code template0}: nothing but {@code public} and {@code plpgsql}.</li>
 *   <li>{@link #reset} brings it back to that state without the cost of a new database (a {@code DROP DATABASE}
 *       waits for a checkpoint): every extension but {@code plpgsql} and every schema but the system ones are
 *       dropped, and {@code public} is made again as PostgreSQL 15 makes it (owner {@code pg_database_owner},
 *       its standard comment, usage for all).</li>
 *   <li>{@link #apply} runs a script statement by statement in autocommit, split as Slipway splits migrations,
 *       so a failure names the statement.</li>
 * </ol>
 */
final class DiffCaseDatabase implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static final String RESET = """
            DO $reset$
            DECLARE
                item record;
            BEGIN
                FOR item IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
                    EXECUTE format('DROP EXTENSION %I CASCADE', item.extname);
                END LOOP;
                FOR item IN SELECT nspname FROM pg_namespace
                        WHERE nspname NOT IN ('pg_catalog', 'information_schema')
                        AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%' LOOP
                    EXECUTE format('DROP SCHEMA %I CASCADE', item.nspname);
                END LOOP;
            END
            $reset$;
            CREATE SCHEMA public AUTHORIZATION pg_database_owner;
            COMMENT ON SCHEMA public IS 'standard public schema';
            GRANT USAGE ON SCHEMA public TO PUBLIC""";

    private final TestDatabase admin;
    private final String name;
    private final String jdbcUrl;

    private DiffCaseDatabase(TestDatabase admin, String name) {
        this.admin = admin;
        this.name = name;
        this.jdbcUrl =
                new ServerLogin(admin.jdbcUrl(), null, null).withDatabase(name).jdbcUrl();
    }

    /** Creates a fresh database named after the test class's database and {@code hint} ({@code [a-z0-9_]}). */
    static DiffCaseDatabase create(TestDatabase admin, String hint) {
        String name = admin.name() + "_" + hint + "_" + COUNTER.incrementAndGet();
        if (name.length() > 63) {
            name = "slipway_diff_" + hint.replaceAll("[^a-z0-9_]", "") + "_" + COUNTER.incrementAndGet() + "_"
                    + Long.toHexString(System.nanoTime());
            name = name.length() > 63 ? name.substring(name.length() - 63) : name;
        }
        admin.execute("CREATE DATABASE " + quote(name) + " TEMPLATE template0");
        return new DiffCaseDatabase(admin, name);
    }

    String name() {
        return name;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String username() {
        return admin.username();
    }

    String password() {
        return admin.password();
    }

    /** A new connection in autocommit mode; the caller closes it. */
    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", admin.username());
        properties.setProperty("password", admin.password());
        properties.setProperty("ApplicationName", "slipway-schema-diff-tests");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Drops everything a case may have created: the database is as {@link #create} left it. */
    void reset() {
        apply(RESET, "reset of " + name);
    }

    /**
     * Runs {@code script}, statement by statement in autocommit.
     *
     * @throws IllegalStateException naming {@code source}, the statement's number, line and text, and PostgreSQL's
     *     message
     */
    void apply(String script, String source) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (SqlStatement sql : StatementSplitter.split(script, source)) {
                try {
                    statement.execute(sql.sql());
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            source + ", statement " + sql.number() + " (line " + sql.line() + ") failed: "
                                    + e.getMessage() + "\n" + sql.sql(),
                            e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
    }

    @Override
    public String toString() {
        return name;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
