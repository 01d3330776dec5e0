package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Creates Slipway's own bookkeeping tables ({@code slipway_backfills}, {@code slipway_instances},
 * {@code slipway_locks}) that any instance may need first, at any time, outside the migration lock.
 */
public final class SlipwayTables {

    /** How long a creation waits for another session creating the same table (it holds the lock for one DDL). */
    private static final Duration WAIT = Duration.ofMinutes(5);

    private static final Duration POLL = Duration.ofMillis(50);

    private SlipwayTables() {}

    /**
     * Creates the table (and its schema, when asked) unless it exists, in a transaction of its own that holds a
     * transaction-level advisory lock keyed on schema and table ({@link AdvisoryLock#tableCreation}), so that
     * instances starting together do not race on {@code CREATE TABLE}.
     *
     * @param columns the column list of {@code CREATE TABLE}, without the parentheses
     * @param comment the table's comment, which says what it is and how to change it
     */
    public static void create(
            Connection c, String schema, String table, boolean createSchema, String columns, String comment)
            throws SQLException {
        String qualified = Identifiers.qualified(schema, table);
        AdvisoryLock lock = AdvisoryLock.tableCreation(c, schema, table);
        try {
            Jdbc.inTransaction(c, () -> {
                lock.acquire(WAIT, POLL, (holder, waited) -> {});
                if (createSchema && !Catalog.schemaExists(c, schema)) {
                    Jdbc.execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
                }
                Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS " + qualified + " (" + columns + ")");
                Jdbc.execute(c, "COMMENT ON TABLE " + qualified + " IS '" + comment.replace("'", "''") + "'");
            });
        } finally {
            lock.release();
        }
    }
}
