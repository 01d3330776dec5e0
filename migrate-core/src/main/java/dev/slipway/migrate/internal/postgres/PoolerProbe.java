package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.TransactionPoolerException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether a data source gives Slipway server sessions of its own, or goes through a transaction pooler (such as
 * PgBouncer with {@code pool_mode=transaction}), where clients take turns on shared server sessions. Asked once per
 * object (one per engine); the verdict is kept, so that heartbeats every few seconds cost nothing. Up to
 * {@value #ROUNDS} rounds, each with the caller's connection A (in autocommit) and a second connection B borrowed from
 * the same data source (waited for at most {@link #WAIT}; a new one after a round that aborted it). On a direct connection or behind a session
 * pooler, A and B are two server sessions for as long as both are open, and each keeps its own; behind a transaction
 * pooler neither holds.
 *
 * <ol>
 *   <li>A writes a fresh nonce into the session setting {@code slipway.probe} ({@code set_config(.., false)}: it
 *       outlives the transaction) and reads its server session ({@code pg_backend_pid()}).</li>
 *   <li>B opens a transaction and reads its server session and the setting. A's server session, or A's nonce: two
 *       connections open at once share a server session. A pool of one server connection always shows this, since
 *       every client gets the same one; so does a larger idle pool, which hands out the server connection used last
 *       (PgBouncer's default).</li>
 *   <li>While B's transaction holds its server session, A reads its server session and the setting again, in a new
 *       transaction. Another server session, or the nonce gone: A's session changed between two of its own
 *       transactions. When A waits (every server connection of the pooler is taken, one by B), B is aborted after
 *       {@link #WAIT} so that A goes on, and the next round has a new B.</li>
 *   <li>B rolls back. A sign ends the check with the refusal ({@link TransactionPoolerException}, naming the
 *       technique and the server sessions); rounds without one end it with the data source taken as direct (the last
 *       round must not have waited). A's setting is emptied either way, and B closed.</li>
 * </ol>
 * When B is not available within {@link #WAIT} (a pool of one connection, such as a Hikari pool with
 * {@code maximumPoolSize=1}, or a session pooler whose every server connection is in use), when B is A itself (a data
 * source of one shared connection), when B's first transaction
 * waits more than twice {@link #WAIT} for a server session, or when A had to wait in the last round, the check cannot
 * tell: it logs so once at WARN
 * and takes the data source as direct (the lease of the migration lock still keeps a migration from running twice).
 * A query of A that does not answer within three times {@link #WAIT} is aborted, and the check fails with an
 * {@link SQLException}; it runs again on the next call.
 */
public final class PoolerProbe {

    /** How long the check waits for the second connection, and for a server session, before it acts. */
    public static final Duration WAIT = Duration.ofSeconds(5);

    static final int ROUNDS = 3;

    private static final Logger log = LoggerFactory.getLogger(PoolerProbe.class);

    private static final String SETTING = "slipway.probe";

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "slipway-pooler-probe");
        thread.setDaemon(true);
        return thread;
    });

    /** UNKNOWN ends the check; AGAIN asks for another round with a new second connection. */
    private enum Kind {
        DIRECT,
        POOLER,
        UNKNOWN,
        AGAIN
    }

    private record Verdict(Kind kind, String evidence) {}

    private final DataSource dataSource;
    private final Duration wait;
    private final Object monitor = new Object();
    private volatile Verdict verdict;

    public PoolerProbe(DataSource dataSource) {
        this(dataSource, WAIT);
    }

    PoolerProbe(DataSource dataSource, Duration wait) {
        this.dataSource = dataSource;
        this.wait = wait;
    }

    /**
     * Refuses a transaction pooler: on the first call, runs the check with {@code connection} (of the data source this
     * object was made for; switched to autocommit for the check, and back) and keeps the verdict; on every call, throws
     * if it was a pooler.
     *
     * @throws dev.slipway.migrate.UnsupportedDatabaseException if the connection is not to PostgreSQL 12 or newer
     * @throws TransactionPoolerException if the data source goes through a transaction pooler
     * @throws SQLException if the check could not run; it runs again on the next call
     */
    public void refuseTransactionPooler(Connection connection) throws SQLException {
        Verdict known = verdict;
        if (known == null) {
            synchronized (monitor) {
                if (verdict == null) {
                    DatabaseProduct.requireSupported(connection);
                    boolean autoCommit = connection.getAutoCommit();
                    if (!autoCommit) {
                        connection.rollback();
                        connection.setAutoCommit(true);
                    }
                    try {
                        verdict = probe(connection);
                    } finally {
                        if (!autoCommit && !connection.isClosed()) {
                            connection.setAutoCommit(false);
                        }
                    }
                }
                known = verdict;
            }
        }
        if (known.kind() == Kind.POOLER) {
            throw new TransactionPoolerException(known.evidence());
        }
    }

    private Verdict probe(Connection a) throws SQLException {
        long start = System.nanoTime();
        Connection b = null;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                if (b == null) {
                    b = secondConnection();
                    if (b == null) {
                        return unknown("a second connection from the data source was not available within "
                                + wait.toMillis() + " ms (a pool of one connection, or a session pooler whose every"
                                + " server connection is in use)");
                    }
                    if (sameConnection(a, b)) {
                        b = null; // not closed: it is the caller's
                        return unknown("the data source handed out the connection in use again (a data source of "
                                + "one shared connection)");
                    }
                }
                Verdict seen = round(a, b);
                if (seen != null && seen.kind() == Kind.POOLER) {
                    log.debug("Transaction pooler seen in round {}: {}", round, seen.evidence());
                    return seen;
                }
                if (seen != null && seen.kind() == Kind.UNKNOWN) {
                    return unknown(seen.evidence());
                }
                if (seen != null) {
                    release(b); // aborted while A waited: the next round borrows a new one
                    b = null;
                    if (round == ROUNDS) {
                        return unknown(seen.evidence());
                    }
                }
                if (round < ROUNDS) {
                    sleepQuietly(ThreadLocalRandom.current().nextLong(1, 20)); // out of step with other instances
                }
            }
            log.debug(
                    "No transaction pooler seen in {} rounds ({} ms)",
                    ROUNDS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return new Verdict(Kind.DIRECT, null);
        } finally {
            if (b != null) {
                release(b);
            }
            try (Statement statement = a.createStatement()) {
                statement.execute("SELECT set_config('" + SETTING + "', '', false)");
            } catch (SQLException e) {
                log.debug("Could not empty the setting {} of the connection: {}", SETTING, e.getMessage());
            }
        }
    }

    /**
     * One round of the steps with the second connection {@code b}; null when it saw nothing, a verdict of kind
     * {@link Kind#UNKNOWN} (not logged yet) when the check cannot tell, {@link Kind#AGAIN} when this round could not.
     */
    private Verdict round(Connection a, Connection b) throws SQLException {
        String nonce = UUID.randomUUID().toString();
        Session first =
                Session.read(a, "SELECT pg_backend_pid(), set_config('" + SETTING + "', '" + nonce + "', false)");

        Session other = null;
        SQLException failed = null;
        ScheduledFuture<?> bTooSlow =
                WATCHDOG.schedule(() -> abortQuietly(b), wait.toMillis() * 2, TimeUnit.MILLISECONDS);
        try {
            execute(b, "BEGIN");
            other = Session.read(b, readSql());
        } catch (SQLException e) {
            failed = e;
        }
        if (fired(bTooSlow)) {
            return new Verdict(
                    Kind.UNKNOWN,
                    "the second connection's first transaction waited more than " + wait.toMillis() * 2
                            + " ms for a server session");
        }
        if (failed != null) {
            throw failed;
        }
        if (other.pid() == first.pid()) {
            execute(b, "ROLLBACK");
            return pooler("two connections open at the same time were served by the same server session "
                    + "(pg_backend_pid() " + first.pid() + " on both)");
        }
        if (nonce.equals(other.setting())) {
            execute(b, "ROLLBACK");
            return pooler("a session setting (" + SETTING + ") written on one connection, in server session "
                    + first.pid() + ", was visible on another connection open at the same time, in server session "
                    + other.pid());
        }

        long waitStart = System.nanoTime();
        AtomicBoolean releasedB = new AtomicBoolean();
        ScheduledFuture<?> releaseB = WATCHDOG.schedule(
                () -> {
                    releasedB.set(true);
                    abortQuietly(b);
                },
                wait.toMillis(),
                TimeUnit.MILLISECONDS);
        ScheduledFuture<?> aTooSlow =
                WATCHDOG.schedule(() -> abortQuietly(a), wait.toMillis() * 3, TimeUnit.MILLISECONDS);
        Session again;
        try {
            again = Session.read(a, readSql());
        } finally {
            fired(aTooSlow);
            fired(releaseB);
        }
        String waited = releasedB.get()
                ? "; it waited " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitStart)
                        + " ms for a server session, until the other connection's transaction was ended"
                : "";
        if (again.pid() != first.pid()) {
            return pooler("one connection's server session changed between two of its transactions, while another "
                    + "connection held a transaction open (pg_backend_pid() " + first.pid() + ", then " + again.pid()
                    + waited + ")");
        }
        if (!nonce.equals(again.setting())) {
            return pooler("a session setting (" + SETTING + ") written on one connection was gone in that connection's "
                    + "next transaction (server session " + first.pid() + waited + ")");
        }
        if (releasedB.get()) {
            return new Verdict(
                    Kind.AGAIN,
                    "a connection waited " + wait.toMillis() + " ms for a query while "
                            + "another connection held a transaction open, but kept its server session");
        }
        execute(b, "ROLLBACK");
        return null;
    }

    /**
     * Runs a statement as a one-shot (unnamed) statement. The probe never uses {@code setAutoCommit(false)}: the driver
     * prepares its {@code BEGIN} as a named statement, which collides in a server session shared with another client
     * ({@code prepared statement "S_1" already exists}) before the check could say why.
     */
    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String readSql() {
        return "SELECT pg_backend_pid(), current_setting('" + SETTING + "', true)";
    }

    /** A second connection, borrowed on another thread and waited for at most {@link #WAIT}; null when late. */
    private Connection secondConnection() throws SQLException {
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Connection> borrowed = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        Connection connection = dataSource.getConnection();
                        if (abandoned.get() || !borrowed.complete(connection)) {
                            closeQuietly(connection);
                        }
                    } catch (Throwable e) {
                        borrowed.completeExceptionally(e);
                    }
                },
                "slipway-pooler-probe-connect");
        thread.setDaemon(true);
        thread.start();
        try {
            return borrowed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            borrowed.cancel(false);
            borrowed.thenAccept(PoolerProbe::closeQuietly); // in case it completed meanwhile
            return null;
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while waiting for a second connection to check for a pooler", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SQLException(
                    "Could not borrow a second connection to check for a pooler: " + e.getCause(), e.getCause());
        }
    }

    /** Whether two connections are one (a data source of a single connection hands out proxies of it). */
    private static boolean sameConnection(Connection a, Connection b) {
        if (a == b) {
            return true;
        }
        try {
            return a.unwrap(Connection.class) == b.unwrap(Connection.class);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private Verdict unknown(String why) {
        log.warn(
                "Slipway could not check whether its data source goes through a transaction pooler: {}. It goes on "
                        + "as with a direct connection (the migration lock's lease still keeps a migration from running "
                        + "twice), and does not check again. Give Slipway a data source that can open two connections at "
                        + "once to have it checked.",
                why);
        return new Verdict(Kind.UNKNOWN, why);
    }

    private static Verdict pooler(String evidence) {
        return new Verdict(Kind.POOLER, evidence);
    }

    /**
     * Stops the watchdog if it has not started; otherwise waits until it has done its work. Answers whether it ran.
     */
    private static boolean fired(ScheduledFuture<?> watchdog) {
        if (watchdog.cancel(false) || watchdog.isCancelled()) {
            return false;
        }
        try {
            watchdog.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the watchdog only aborts a connection, and says nothing worth passing on
        }
        return true;
    }

    /**
     * Ends the second connection's transaction, if one is open (a pool such as Hikari does not see a {@code BEGIN}
     * sent as a statement, and would otherwise take the connection back inside it), and closes it.
     */
    private static void release(Connection b) {
        try {
            if (!b.isClosed()) {
                execute(b, "ROLLBACK");
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not roll back the second connection of the pooler check: {}", e.getMessage());
        }
        closeQuietly(b);
    }

    private static void abortQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not close the connection of the pooler check: {}", e.getMessage());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A server session's pid and the value of {@code slipway.probe} in it. */
    private record Session(int pid, String setting) {

        static Session read(Connection connection, String sql) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return new Session(row.getInt(1), row.getString(2));
            }
        }
    }
}
