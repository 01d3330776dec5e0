package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.postgres.SqlStates;
import java.sql.SQLException;

/** How a batch's errors are classified and worded. */
final class BackfillErrors {

    /** {@code serialization_failure}. */
    static final String SERIALIZATION_FAILURE = "40001";

    private BackfillErrors() {}

    /**
     * Whether the error goes away when the batch is tried again: deadlock, serialization failure, lock timeout,
     * statement timeout (the batch is then made smaller).
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return SqlStates.isLockConflict(state)
                || SERIALIZATION_FAILURE.equals(state)
                || SqlStates.QUERY_CANCELED.equals(state);
    }

    static boolean isStatementTimeout(SQLException e) {
        return SqlStates.QUERY_CANCELED.equals(e.getSQLState());
    }

    /** The server's message, detail and hint, and the statement that failed when known. */
    static String describe(SQLException e) {
        ServerError server = ServerError.from(e.getCause() instanceof SQLException cause ? cause : e);
        StringBuilder text = new StringBuilder("ERROR: ").append(server.message());
        if (server.sqlState() != null) {
            text.append(" [SQLSTATE ").append(server.sqlState()).append(']');
        }
        if (server.detail() != null) {
            text.append("\nDetail: ").append(server.detail());
        }
        if (server.hint() != null) {
            text.append("\nHint: ").append(server.hint());
        }
        if (e instanceof BatchExecutor.BatchStatementException batch) {
            text.append("\nStatement: ").append(batch.statement());
        }
        return text.toString();
    }
}
