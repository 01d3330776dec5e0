package dev.slipway.migrate.internal.lock;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockWaitTimeoutException;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session-level advisory lock that lets one instance of a fleet migrate at a time.
 *
 * <ol>
 *   <li>The 64-bit key is derived from the history table's schema and name, so two applications that keep
 *       their histories apart do not wait for each other.</li>
 *   <li>{@link #acquire} polls {@code pg_try_advisory_lock}. It never calls the blocking
 *       {@code pg_advisory_lock}: a session waiting in it holds a snapshot, and {@code CREATE INDEX
 *       CONCURRENTLY} run by the lock holder waits for every such snapshot, so the two would deadlock.</li>
 *   <li>While waiting it reports who holds the lock (pid, application, since) and gives up after the wait
 *       timeout with {@link LockWaitTimeoutException}.</li>
 *   <li>Having the lock, it checks that the next statement runs in the same server session: behind a
 *       transaction-pooling proxy it does not, and a session lock would protect nothing.</li>
 *   <li>{@link #release} unlocks; an unlock that returns false (the lock was not held by this session) is
 *       reported with the fix.</li>
 * </ol>
 */
public final class AdvisoryLock {

    private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);

    /** Called on every poll while another session holds the lock. */
    public interface WaitObserver {
        void waiting(LockHolder holder, Duration waitedSoFar);
    }

    private final Connection connection;
    private final long key;
    private final String lockName;
    private int backendPid;

    public AdvisoryLock(Connection connection, String schema, String table) {
        this.connection = connection;
        this.key = keyFor(schema, table);
        this.lockName = schema + "." + table;
    }

    /** The advisory lock key of a history table: the first 8 bytes of SHA-256 over {@code slipway:schema.table}. */
    public static long keyFor(String schema, String table) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("slipway:" + schema + "." + table).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (hash[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public long key() {
        return key;
    }

    /**
     * Takes the lock, polling every {@code pollInterval} for at most {@code timeout}.
     *
     * @return how long it waited
     */
    public Duration acquire(Duration timeout, Duration pollInterval, WaitObserver observer) throws SQLException {
        long start = System.nanoTime();
        long lastLog = Long.MIN_VALUE;
        while (true) {
            int[] result = Jdbc.queryOne(connection, "SELECT pg_try_advisory_lock(?), pg_backend_pid()",
                    rs -> new int[] {rs.getBoolean(1) ? 1 : 0, rs.getInt(2)}, key).orElseThrow();
            if (result[0] == 1) {
                backendPid = result[1];
                verifySameSession();
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            LockHolder holder = Catalog.advisoryLockHolder(connection, key).orElse(null);
            observer.waiting(holder, waited);
            if (lastLog == Long.MIN_VALUE || System.nanoTime() - lastLog >= LOG_EVERY.toNanos()) {
                log.info("Waiting for the migration lock of {}, held by {} (waited {} ms so far, giving up after {} ms)",
                        lockName, holder == null ? "a session that just released it" : holder,
                        waited.toMillis(), timeout.toMillis());
                lastLog = System.nanoTime();
            }
            if (waited.compareTo(timeout) >= 0) {
                throw new LockWaitTimeoutException(holder, waited, lockName);
            }
            sleep(Duration.ofNanos(Math.min(pollInterval.toNanos(), timeout.minus(waited).toNanos() + 1_000_000)));
        }
    }

    /** The session holding the lock now, if any. */
    public Optional<LockHolder> holder() throws SQLException {
        return Catalog.advisoryLockHolder(connection, key);
    }

    /** Releases the lock; reports (does not throw) an unlock that finds the lock not held by this session. */
    public void release() {
        try {
            int[] result = Jdbc.queryOne(connection, "SELECT pg_advisory_unlock(?), pg_backend_pid()",
                    rs -> new int[] {rs.getBoolean(1) ? 1 : 0, rs.getInt(2)}, key).orElseThrow();
            if (result[0] != 1 || result[1] != backendPid) {
                log.error("The migration lock of {} was not held by this session when it was released (locked in "
                        + "server session {}, unlocked in {}). The connection most likely goes through a "
                        + "transaction-pooling proxy (PgBouncer with pool_mode=transaction), so the lock did not "
                        + "keep other instances out. Give Slipway a direct connection with slipway.datasource.url.",
                        lockName, backendPid, result[1]);
            }
        } catch (SQLException e) {
            log.warn("Could not release the migration lock of {}; it is released when the connection closes: {}",
                    lockName, e.getMessage());
        }
    }

    private void verifySameSession() throws SQLException {
        int pid = Jdbc.queryOne(connection, "SELECT pg_backend_pid()", rs -> rs.getInt(1)).orElseThrow();
        if (pid != backendPid) {
            // Give back what we took in the other session, if the proxy routes us there again.
            Jdbc.queryOne(connection, "SELECT pg_advisory_unlock(?)", rs -> null, key);
            throw new SlipwayException("The migration lock of " + lockName + " was taken in server session "
                    + backendPid + " but the next statement ran in session " + pid + ".\n"
                    + "The connection goes through a transaction-pooling proxy (such as PgBouncer with "
                    + "pool_mode=transaction), where a session lock keeps nobody out.\n"
                    + "Give Slipway a direct connection to PostgreSQL with slipway.datasource.url (or a session-mode "
                    + "pool).");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("Interrupted while waiting for the migration lock", e);
        }
    }
}
