package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Creates Slipway's own bookkeeping tables ({@code slipway_backfills}, {@code slipway_instances}) that any instance
 * may need first, at any time, outside the migration lock.
 */
public final class SlipwayTables {

    private SlipwayTables() {
    }

    /**
     * Creates the table (and its schema, when asked) unless it exists, in a transaction of its own that holds a
     * transaction-level advisory lock keyed on schema and table, so that instances starting together do not race on
     * {@code CREATE TABLE}.
     *
     * @param columns the column list of {@code CREATE TABLE}, without the parentheses
     * @param comment the table's comment, which says what it is and how to change it
     */
    public static void create(Connection c, String schema, String table, boolean createSchema, String columns,
            String comment) throws SQLException {
        String qualified = Identifiers.qualified(schema, table);
        Jdbc.inTransaction(c, () -> {
            Jdbc.queryOne(c, "SELECT pg_advisory_xact_lock(?)", rs -> null, AdvisoryLock.keyFor(schema, table));
            if (createSchema && !Catalog.schemaExists(c, schema)) {
                Jdbc.execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
            }
            Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS " + qualified + " (" + columns + ")");
            Jdbc.execute(c, "COMMENT ON TABLE " + qualified + " IS '" + comment.replace("'", "''") + "'");
        });
    }
}
