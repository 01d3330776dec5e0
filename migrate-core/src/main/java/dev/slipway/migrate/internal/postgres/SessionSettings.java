package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The session settings of the migration connection. Slipway borrows the connection from the application's
 * pool, so it remembers the settings it changes and puts them back before the connection is returned.
 *
 * <ol>
 *   <li>{@link #capture} reads {@code lock_timeout}, {@code statement_timeout}, {@code search_path},
 *       {@code application_name} and (PostgreSQL 14+) {@code client_connection_check_interval}.</li>
 *   <li>{@link #timeouts} sets the two timeouts, skipping the round trip when they already have those values.</li>
 *   <li>{@link #restore} writes every captured value back.</li>
 * </ol>
 */
public final class SessionSettings {

    private final Connection connection;
    private final String lockTimeout;
    private final String statementTimeout;
    private final String searchPath;
    private final String applicationName;
    private final String clientCheckInterval;
    private String currentLockTimeout;
    private String currentStatementTimeout;

    private SessionSettings(Connection connection, List<String> values) {
        this.connection = connection;
        this.lockTimeout = values.get(0);
        this.statementTimeout = values.get(1);
        this.searchPath = values.get(2);
        this.applicationName = values.get(3);
        this.clientCheckInterval = values.get(4);
    }

    /** Reads the settings Slipway may change. */
    public static SessionSettings capture(Connection connection) throws SQLException {
        List<String> values = Jdbc.queryOne(
                        connection,
                        "SELECT current_setting('lock_timeout'), current_setting('statement_timeout'),"
                                + " current_setting('search_path'), current_setting('application_name'),"
                                + " current_setting('client_connection_check_interval', true)",
                        rs -> List.of(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                Objects.requireNonNullElse(rs.getString(5), "")))
                .orElseThrow();
        return new SessionSettings(connection, values);
    }

    /** The search path the session had before Slipway changed it. */
    public String originalSearchPath() {
        return searchPath;
    }

    /**
     * Puts {@code schema} (when not null) first on the search path (keeping the rest, so that extensions in {@code public}
     * stay visible), names the session, and asks a PostgreSQL 14+ server to notice a vanished client while a
     * long statement runs, so that a killed migrator's transaction ends promptly instead of holding locks.
     */
    public void prepare(String schema, String sessionName) throws SQLException {
        String path = schema == null ? searchPath : Identifiers.quote(schema) + ", " + searchPath;
        Jdbc.queryOne(
                connection,
                "SELECT set_config('search_path', ?, false), set_config('application_name', ?, false)",
                rs -> null,
                path,
                sessionName);
        if (!clientCheckInterval.isEmpty()) {
            Jdbc.queryOne(connection, "SELECT set_config('client_connection_check_interval', '1s', false)", rs -> null);
        }
    }

    /** Sets {@code lock_timeout} and {@code statement_timeout} for what runs next. */
    public void timeouts(Duration lock, Duration statement) throws SQLException {
        String lockValue = lock.toMillis() + "ms";
        String statementValue = statement.toMillis() + "ms";
        if (lockValue.equals(currentLockTimeout) && statementValue.equals(currentStatementTimeout)) {
            return;
        }
        Jdbc.queryOne(
                connection,
                "SELECT set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false)",
                rs -> null,
                lockValue,
                statementValue);
        currentLockTimeout = lockValue;
        currentStatementTimeout = statementValue;
    }

    /** Writes back every setting as it was captured. */
    public void restore() throws SQLException {
        Jdbc.queryOne(
                connection,
                "SELECT set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false),"
                        + " set_config('search_path', ?, false), set_config('application_name', ?, false)",
                rs -> null,
                lockTimeout,
                statementTimeout,
                searchPath,
                applicationName);
        if (!clientCheckInterval.isEmpty()) {
            Jdbc.queryOne(
                    connection,
                    "SELECT set_config('client_connection_check_interval', ?, false)",
                    rs -> null,
                    clientCheckInterval);
        }
        currentLockTimeout = null;
        currentStatementTimeout = null;
    }
}
