package dev.slipway.migrate.internal.postgres;

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
                return new ServerError(sqlState, message != null ? message : e.getMessage(),
                        (String) call(server, "getDetail"), (String) call(server, "getHint"),
                        position == null ? 0 : position);
            }
        } catch (ReflectiveOperationException | ClassCastException | SecurityException ignored) {
            // not the PostgreSQL driver's exception: use what JDBC offers
        }
        return new ServerError(sqlState, e.getMessage(), null, null, 0);
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }
}
