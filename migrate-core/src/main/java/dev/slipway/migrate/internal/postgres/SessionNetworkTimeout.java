package dev.slipway.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network timeout of the migration session while a migration runs, so that a connection that goes silent without
 * being closed (a network partition, a server host that vanished) fails the migration instead of leaving it waiting
 * for an answer that never comes.
 *
 * <ol>
 *   <li>The timeout is {@code statement_timeout} plus {@link #MARGIN}: every statement Slipway sends in that session
 *       runs under {@code statement_timeout}, and PostgreSQL answers a timed-out statement with an error at once, so
 *       a statement allowed to run long is never cut; only silence past its own limit is taken for a lost
 *       connection. With {@code statement_timeout} 0 (no limit) no network timeout is set.</li>
 *   <li>It replaces whatever the connection had (a {@code socketTimeout} of the URL shorter than a long index build
 *       would otherwise cut it), and {@link #close} puts the previous value back before the connection goes back to
 *       the application's pool.</li>
 *   <li>TCP keepalive cannot be switched on for a connection that is already open; it belongs in the JDBC URL
 *       ({@code tcpKeepAlive=true}) together with the operating system's keepalive times, and on the server
 *       ({@code tcp_keepalives_idle}), so that PostgreSQL ends the session of a client it cannot reach.</li>
 * </ol>
 */
public final class SessionNetworkTimeout implements AutoCloseable {

    /** How long past {@code statement_timeout} a silent connection is still waited for. */
    public static final Duration MARGIN = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SessionNetworkTimeout.class);

    private final Connection connection;
    private final int previous;
    private final boolean changed;

    private SessionNetworkTimeout(Connection connection, int previous, boolean changed) {
        this.connection = connection;
        this.previous = previous;
        this.changed = changed;
    }

    /** Sets the network timeout for statements that run under {@code statementTimeout}. */
    public static SessionNetworkTimeout bound(Connection connection, Duration statementTimeout) throws SQLException {
        int previous = connection.getNetworkTimeout();
        if (statementTimeout.isZero() || statementTimeout.isNegative()) {
            return new SessionNetworkTimeout(connection, previous, false);
        }
        int millis =
                (int) Math.min(Integer.MAX_VALUE, statementTimeout.plus(MARGIN).toMillis());
        if (millis == previous) {
            return new SessionNetworkTimeout(connection, previous, false);
        }
        connection.setNetworkTimeout(Runnable::run, millis);
        return new SessionNetworkTimeout(connection, previous, true);
    }

    /** Puts the connection's own network timeout back; a connection that is gone needs none. */
    @Override
    public void close() {
        if (!changed) {
            return;
        }
        try {
            if (!connection.isClosed()) {
                connection.setNetworkTimeout(Runnable::run, previous);
            }
        } catch (SQLException e) {
            log.debug("Could not restore the network timeout of the migration connection", e);
        }
    }
}
