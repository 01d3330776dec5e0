package dev.slipway.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.SqlCommand;
import org.postgresql.core.SqlCommandType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the statements of a migration, a very large one (a data import of tens of megabytes) without the copies
 * that the PostgreSQL JDBC driver makes of it.
 *
 * <p>In its default (extended) query mode the driver parses every statement it is given for JDBC escapes and
 * {@code ?} placeholders, holding about five copies of the text at once: a 50 MB {@code INSERT} needs more than 300 MB
 * of heap. Its simple query protocol sends the text as it is, encoded once. So:
 * <ol>
 *   <li>A statement of up to {@link #SIMPLE_PROTOCOL_THRESHOLD} characters goes through {@link Statement#execute}, as
 *       any statement does.</li>
 *   <li>A longer one goes through the driver's query executor with the simple protocol, when the connection is (or
 *       wraps) the PostgreSQL driver's. The statement is the same text either way: Slipway turns JDBC escapes off,
 *       and a migration statement has no placeholders. The transaction is the connection's: {@code BEGIN} is sent
 *       first in a transactional migration, as the driver does for {@link Statement#execute}.</li>
 *   <li>With another driver, or a version of the driver whose classes differ, the long statement goes through
 *       {@link Statement#execute} too (and needs the heap for the driver's copies).</li>
 * </ol>
 */
public final class LargeStatements {

    private static final Logger log = LoggerFactory.getLogger(LargeStatements.class);

    /** Statements longer than this (in characters, about 1 MB) are sent with the simple query protocol. */
    public static final int SIMPLE_PROTOCOL_THRESHOLD = 1 << 20;

    private static volatile boolean driverUnavailable;

    private LargeStatements() {}

    /**
     * Runs one statement of a migration on the statement's connection.
     *
     * @param statement a statement of the migration's connection, JDBC escapes turned off
     */
    public static void execute(Statement statement, String sql) throws SQLException {
        if (sql.length() <= SIMPLE_PROTOCOL_THRESHOLD || !executeSimple(statement.getConnection(), sql)) {
            statement.execute(sql);
        }
    }

    /** Whether the statement was sent with the simple protocol (false: the driver is not there to do it). */
    private static boolean executeSimple(Connection connection, String sql) throws SQLException {
        if (driverUnavailable) {
            return false;
        }
        try {
            return Driver.execute(connection, sql);
        } catch (LinkageError e) {
            driverUnavailable = true;
            log.debug(
                    "The PostgreSQL driver's query executor cannot be used; large statements go through"
                            + " Statement.execute",
                    e);
            return false;
        }
    }

    /** The only place that touches the driver's classes, so that without them the error is a LinkageError here. */
    private static final class Driver {

        static boolean execute(Connection connection, String sql) throws SQLException {
            if (!connection.isWrapperFor(BaseConnection.class)) {
                return false;
            }
            BaseConnection pg = connection.unwrap(BaseConnection.class);
            QueryExecutor executor = pg.getQueryExecutor();
            int flags = QueryExecutor.QUERY_EXECUTE_AS_SIMPLE
                    | QueryExecutor.QUERY_NO_METADATA
                    | QueryExecutor.QUERY_NO_RESULTS;
            if (connection.getAutoCommit()) {
                flags |= QueryExecutor.QUERY_SUPPRESS_BEGIN;
            }
            NativeQuery query = new NativeQuery(sql, SqlCommand.createStatementTypeInfo(SqlCommandType.BLANK));
            executor.execute(executor.wrap(List.of(query)), null, new Errors(), 0, 0, flags);
            return true;
        }
    }

    /** Keeps the first error, which the executor throws when the statement completes; ignores rows and notices. */
    private static final class Errors extends ResultHandlerBase {

        @Override
        public void handleWarning(java.sql.SQLWarning warning) {}
    }
}
