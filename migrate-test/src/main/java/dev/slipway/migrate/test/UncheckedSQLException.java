package dev.slipway.migrate.test;

import java.sql.SQLException;

/** A {@link SQLException} from a {@link TestDatabase} helper, unchecked, with the SQL that caused it. */
public final class UncheckedSQLException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UncheckedSQLException(String sql, SQLException cause) {
        super(cause.getMessage() + "\n-> SQL: " + sql, cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }

    /** PostgreSQL's SQLSTATE, e.g. {@code 42P01} for an undefined table. */
    public String getSQLState() {
        return getCause().getSQLState();
    }
}
