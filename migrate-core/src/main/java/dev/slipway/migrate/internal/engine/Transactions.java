package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.sql.ConcurrentIndexBuild;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the migration and rollback runners both do on their connection around a statement. */
final class Transactions {

    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private Transactions() {}

    /** Rolls back and returns to autocommit; a broken connection must not hide the statement's own error. */
    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            log.debug("Rollback failed", e);
        }
    }

    /**
     * Drops the INVALID index that an earlier failed or timed-out {@code CREATE INDEX CONCURRENTLY} left, so that
     * the build can run again; {@code announce} is told its schema-qualified name first.
     */
    static void dropInvalidIndex(Connection connection, ConcurrentIndexBuild build, Consumer<String> announce)
            throws SQLException {
        String schema = Catalog.schemaOfTable(connection, build.table()).orElseThrow();
        announce.accept(schema + "." + build.indexName());
        Jdbc.execute(
                connection, "DROP INDEX CONCURRENTLY IF EXISTS " + Identifiers.qualified(schema, build.indexName()));
    }
}
