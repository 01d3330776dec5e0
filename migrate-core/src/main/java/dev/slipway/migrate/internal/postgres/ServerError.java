package dev.slipway.migrate.internal.postgres;

import java.io.IOException;
import java.lang.reflect.Method;
import java.sql.SQLException;

/**
 * What PostgreSQL said about an error: message, detail, hint and position. The PostgreSQL driver exposes
 * these through {@code PSQLException.getServerErrorMessage()}; core does not depend on the driver, so they
 * are read reflectively and fall back to the plain {@link SQLException} message with any other driver.
 *
 * @param sqlState SQLSTATE, or null
 * @param message the primary message
 * @param detail the detail, or null
 * @param hint the hint, or null
 * @param position the 1-based character position in the statement, or 0
 */
public record ServerError(String sqlState, String message, String detail, String hint, int position) {

    /** Reads the server's fields from an exception thrown by the driver. */
    public static ServerError from(SQLException e) {
        String sqlState = e.getSQLState();
        try {
            Method getter = e.getClass().getMethod("getServerErrorMessage");
            Object server = getter.invoke(e);
            if (server != null) {
                String message = (String) call(server, "getMessage");
                Integer position = (Integer) call(server, "getPosition");
                return new ServerError(
                        sqlState,
                        message != null ? message : e.getMessage(),
                        (String) call(server, "getDetail"),
                        (String) call(server, "getHint"),
                        position == null ? 0 : position);
            }
        } catch (ReflectiveOperationException | ClassCastException | SecurityException ignored) {
            // not the PostgreSQL driver's exception: use what JDBC offers
        }
        return new ServerError(sqlState, e.getMessage(), null, null, 0);
    }

    /**
     * Whether the exception says that the connection is gone rather than that PostgreSQL refused a statement: an
     * SQLSTATE of class 08 (the driver's I/O errors: {@code 08006} when the socket broke or timed out, {@code 08003}
     * when the connection was already closed), an {@link IOException} among its causes, or the server ending the
     * session ({@code 57P01} shutdown or {@code pg_terminate_backend}, {@code 57P02} crash of another backend).
     */
    public static boolean isConnectionLost(SQLException e) {
        String sqlState = e.getSQLState();
        if (sqlState != null
                && (sqlState.startsWith(SqlStates.CONNECTION_EXCEPTION_CLASS)
                        || sqlState.equals(SqlStates.ADMIN_SHUTDOWN)
                        || sqlState.equals(SqlStates.CRASH_SHUTDOWN))) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The driver's reason for a lost connection, for a message: its own text, the SQLSTATE, and the I/O error
     * underneath when there is one ({@code An I/O error occurred while sending to the backend. (SQLSTATE 08006;
     * java.net.SocketTimeoutException: Read timed out)}).
     */
    public static String connectionLossReason(SQLException e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable root = null;
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            root = cause;
        }
        if (e.getSQLState() != null || root != null) {
            reason.append(" (");
            if (e.getSQLState() != null) {
                reason.append("SQLSTATE ").append(e.getSQLState());
            }
            if (root != null) {
                reason.append(e.getSQLState() != null ? "; " : "")
                        .append(root.getClass().getName());
                if (root.getMessage() != null) {
                    reason.append(": ").append(root.getMessage());
                }
            }
            reason.append(')');
        }
        return reason.toString();
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }
}
