package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.UnsupportedDatabaseException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Refuses a connection to a database Slipway cannot migrate, before any SQL is sent: the product must be
 * PostgreSQL, {@value UnsupportedDatabaseException#MINIMUM_POSTGRESQL_VERSION} or newer. Reads only the
 * connection's {@link DatabaseMetaData}, which the PostgreSQL driver answers from what the server said at login
 * (no round trip), and so does any other driver for its product name and version.
 */
public final class DatabaseProduct {

    /** The product name the PostgreSQL JDBC driver reports. */
    static final String POSTGRESQL = "PostgreSQL";

    private DatabaseProduct() {}

    /**
     * @throws UnsupportedDatabaseException if the connection is not to PostgreSQL 12 or newer
     * @throws SQLException if the driver cannot say which product it is connected to
     */
    public static void requireSupported(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = metaData.getDatabaseProductName();
        if (!POSTGRESQL.equals(product)) {
            throw new UnsupportedDatabaseException(
                    product, metaData.getDatabaseProductVersion(), metaData.getDatabaseMajorVersion());
        }
        int major = metaData.getDatabaseMajorVersion();
        if (major < UnsupportedDatabaseException.MINIMUM_POSTGRESQL_VERSION) {
            throw new UnsupportedDatabaseException(product, metaData.getDatabaseProductVersion(), major);
        }
    }
}
