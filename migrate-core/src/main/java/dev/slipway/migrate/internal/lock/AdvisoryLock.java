package dev.slipway.migrate.internal.lock;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockWaitTimeoutException;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
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
 * Slipway's one advisory lock, for its three uses: the migration lock ({@link #migration}), the lock of one
 * backfill ({@link #backfill}) and the lock that serialises the creation of a bookkeeping table
 * ({@link #tableCreation}).
 *
 * <ol>
 *   <li>The 64-bit key is derived from a schema and a name ({@link #keyFor}), so two applications that keep their
 *       histories apart do not wait for each other, and the uses never share a key.</li>
 *   <li>{@link #acquire} polls {@code pg_try_advisory_lock} (or {@code pg_try_advisory_xact_lock} for a lock
 *       scoped to the current transaction). It never calls the blocking form: a session waiting in it holds a
 *       snapshot, and {@code CREATE INDEX CONCURRENTLY} run by the lock holder waits for every such snapshot, so
 *       the two would deadlock. While waiting it reports who holds the lock (pid, application, since) and gives up
 *       after the wait timeout. {@link #tryAcquire} tries once (a backfill: the holder is another instance).</li>
 *   <li>Having a session lock, it checks that the next statement runs in the same server session: behind a
 *       transaction-pooling proxy it does not, and a session lock would protect nothing.</li>
 *   <li>{@link #release}, called in {@code finally}, gives the lock back and confirms it: a session lock is
 *       unlocked (the unlock must return true, in the server session that took it); a transaction lock went with
 *       the end of its transaction, and the session must hold it no more. When that cannot be confirmed (unlock
 *       false, an SQL error, another server session) the physical connection is aborted, so that no connection
 *       pool hands the session, and the lock with it, to anyone else; this is logged with the fix.</li>
 * </ol>
 */
public final class AdvisoryLock {

    private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(10);
    /** The description of the migration lock, whose wait timeout is {@link LockWaitTimeoutException}. */
    public static final String MIGRATION_LOCK = "the migration lock";

    /** How long the lock lives: until released (or the session ends), or until the transaction ends. */
    public enum Scope {
        SESSION,
        TRANSACTION
    }

    /** Called on every poll while another session holds the lock. */
    public interface WaitObserver {
        void waiting(LockHolder holder, Duration waitedSoFar);
    }

    private final Connection connection;
    private final long key;
    private final String name;
    private final String description;
    private final Scope scope;
    private int backendPid;
    private boolean held;

    /**
     * A lock on the connection; prefer the factories of the three uses.
     *
     * @param name what the lock guards, for messages and as the name of its lease ({@code schema.table})
     * @param description what the lock is, for messages ("the migration lock"): "{description} of {name}"
     */
    public AdvisoryLock(Connection connection, long key, String name, String description, Scope scope) {
        this.connection = connection;
        this.key = key;
        this.name = name;
        this.description = description;
        this.scope = scope;
    }

    /** The migration lock of a history table: held by a session for a whole run. */
    public static AdvisoryLock migration(Connection connection, String schema, String table) {
        return new AdvisoryLock(connection, keyFor(schema, table), schema + "." + table, MIGRATION_LOCK, Scope.SESSION);
    }

    /** The lock of one backfill, held by the session that runs its batches. */
    public static AdvisoryLock backfill(Connection connection, String schema, String table, String backfill) {
        return new AdvisoryLock(
                connection,
                backfillKey(schema, table, backfill),
                schema + "." + table + "/" + backfill,
                "the backfill lock",
                Scope.SESSION);
    }

    /** The key of {@link #backfill}: distinct from the migration lock's and from every other backfill's. */
    public static long backfillKey(String schema, String table, String backfill) {
        return keyFor(schema, table + "/" + backfill);
    }

    /** The lock that lets one session at a time create a bookkeeping table: held until its transaction ends. */
    public static AdvisoryLock tableCreation(Connection connection, String schema, String table) {
        return new AdvisoryLock(
                connection, keyFor(schema, table), schema + "." + table, "the table-creation lock", Scope.TRANSACTION);
    }

    /** The advisory lock key of {@code schema.name}: the first 8 bytes of SHA-256 over {@code slipway:schema.name}. */
    public static long keyFor(String schema, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("slipway:" + schema + "." + name).getBytes(StandardCharsets.UTF_8));
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

    /** What the lock guards ({@code schema.table}): the name of its lease. */
    public String name() {
        return name;
    }

    public Scope scope() {
        return scope;
    }

    /**
     * Takes the lock, polling every {@code pollInterval} for at most {@code timeout}; a transaction-scoped lock is
     * taken in the connection's current transaction.
     *
     * @return how long it waited
     * @throws LockWaitTimeoutException (the migration lock) or {@link SlipwayException} after the timeout
     */
    public Duration acquire(Duration timeout, Duration pollInterval, WaitObserver observer) throws SQLException {
        long start = System.nanoTime();
        long lastLog = Long.MIN_VALUE;
        while (true) {
            if (tryAcquire()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            LockHolder holder = holder().orElse(null);
            observer.waiting(holder, waited);
            if (lastLog == Long.MIN_VALUE || System.nanoTime() - lastLog >= LOG_EVERY.toNanos()) {
                log.info(
                        "Waiting for {} of {}, held by {} (waited {} ms so far, giving up after {} ms)",
                        description,
                        name,
                        holder == null ? "a session that just released it" : holder,
                        waited.toMillis(),
                        timeout.toMillis());
                lastLog = System.nanoTime();
            }
            if (waited.compareTo(timeout) >= 0) {
                if (description.equals(MIGRATION_LOCK)) {
                    throw new LockWaitTimeoutException(holder, waited, name);
                }
                throw new SlipwayException(
                        SlipwayError.LOCK_WAIT_TIMEOUT,
                        "Gave up waiting for " + description
                                + " after " + waited.toMillis() + " ms.\n-> held by: "
                                + (holder == null ? "a session that has since gone" : holder),
                        Action.text("If that session is stuck, end it with SELECT pg_terminate_backend("
                                + (holder == null ? "<pid>" : holder.pid()) + ")."));
            }
            sleep(Duration.ofNanos(
                    Math.min(pollInterval.toNanos(), timeout.minus(waited).toNanos() + 1_000_000)));
        }
    }

    /** Tries once to take the lock; false when another session holds it. */
    public boolean tryAcquire() throws SQLException {
        String function = scope == Scope.SESSION ? "pg_try_advisory_lock" : "pg_try_advisory_xact_lock";
        int[] result = Jdbc.queryOne(
                        connection,
                        "SELECT " + function + "(?), pg_backend_pid()",
                        rs -> new int[] {rs.getBoolean(1) ? 1 : 0, rs.getInt(2)},
                        key)
                .orElseThrow();
        if (result[0] != 1) {
            return false;
        }
        backendPid = result[1];
        held = true;
        if (scope == Scope.SESSION) {
            verifySameSession();
        }
        return true;
    }

    /** The session holding the lock now, if any. */
    public Optional<LockHolder> holder() throws SQLException {
        return Catalog.advisoryLockHolder(connection, key);
    }

    /**
     * Gives the lock back, if this object took it, and confirms that the session holds it no more; when that cannot
     * be confirmed, aborts the physical connection (see the class comment). Never throws.
     *
     * @return whether the release was confirmed (false: the connection is aborted)
     */
    public boolean release() {
        if (!held) {
            return true;
        }
        held = false;
        String problem;
        try {
            int[] result;
            if (scope == Scope.SESSION) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                result = Jdbc.queryOne(
                                connection,
                                "SELECT pg_advisory_unlock(?), pg_backend_pid()",
                                rs -> new int[] {rs.getBoolean(1) ? 1 : 0, rs.getInt(2)},
                                key)
                        .orElseThrow();
            } else {
                result = Jdbc.queryOne(
                                connection,
                                "SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype ="
                                        + " 'advisory' AND pid = pg_backend_pid() AND objsubid = 1 AND classid = ?::bigint::oid"
                                        + " AND objid = ?::bigint::oid), pg_backend_pid()",
                                rs -> new int[] {rs.getBoolean(1) ? 1 : 0, rs.getInt(2)},
                                key >>> 32,
                                key & 0xFFFFFFFFL)
                        .orElseThrow();
            }
            if (result[0] == 1 && result[1] == backendPid) {
                return true;
            }
            problem = result[1] != backendPid
                    ? "it was taken in server session " + backendPid + " but released in session " + result[1]
                            + " (if session " + backendPid + " still holds it, see pg_locks, end that session with"
                            + " SELECT pg_terminate_backend(" + backendPid + "))"
                    : scope == Scope.SESSION
                            ? "the unlock found it not held by this session (server session " + backendPid + ")"
                            : "server session " + backendPid + " still holds it after its transaction";
        } catch (SQLException | RuntimeException e) {
            if (isConnectionLost(e)) {
                abortQuietly();
                log.warn(
                        "Could not release {} of {}: the connection is lost ({}), and the lock went with its server "
                                + "session",
                        description,
                        name,
                        e.getMessage());
                return false;
            }
            problem = "the release failed: " + e.getMessage();
        }
        abort(problem);
        return false;
    }

    private boolean isConnectionLost(Exception e) {
        try {
            return connection.isClosed()
                    || e instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08");
        } catch (SQLException closedCheck) {
            return true;
        }
    }

    private void abortQuietly() {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            log.debug("Aborting the lost connection failed", e);
        }
    }

    /**
     * Ends the physical connection (not merely giving it back to a pool), so that the server session goes, and its
     * locks with it.
     */
    private void abort(String problem) {
        String outcome;
        try {
            connection.abort(Runnable::run);
            outcome = "the connection was closed, so that no pool hands its session (and the lock) to anyone else";
        } catch (SQLException | RuntimeException e) {
            outcome = "closing the connection failed too (" + e.getMessage() + "); if server session " + backendPid
                    + " still holds the lock, end it with SELECT pg_terminate_backend(" + backendPid + ")";
        }
        log.error(
                "Could not confirm the release of {} of {}: {}; {}. The connection most likely goes through a "
                        + "transaction-pooling proxy (PgBouncer with pool_mode=transaction), which hands one server session "
                        + "to many clients, so the lock did not keep other instances out. Give Slipway a direct connection "
                        + "to PostgreSQL ({}).",
                description,
                name,
                problem,
                outcome,
                Setting.DATASOURCE_URL.neutral());
    }

    private void verifySameSession() throws SQLException {
        int pid = Jdbc.queryOne(connection, "SELECT pg_backend_pid()", rs -> rs.getInt(1))
                .orElseThrow();
        if (pid != backendPid) {
            // Give back what we took in the other session, if the proxy routes us there again; else close.
            release();
            throw new SlipwayException(
                    SlipwayError.TRANSACTION_POOLER,
                    capitalized(description) + " of " + name
                            + " was taken in server session " + backendPid + " but the next statement ran in session "
                            + pid
                            + ".\nThe connection goes through a transaction-pooling proxy (such as PgBouncer with "
                            + "pool_mode=transaction), where a session lock keeps nobody out.",
                    Action.of(
                            "Give Slipway a direct connection to PostgreSQL ({}), or a pool in session mode.",
                            Setting.DATASOURCE_URL));
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(
                    SlipwayError.INTERRUPTED,
                    "Interrupted while waiting for " + description + " of " + name + ".",
                    Action.none(),
                    e);
        }
    }
}
