package dev.slipway.migrate.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every use of {@link AdvisoryLock} must do, described once (as ShedLock's lock provider tests do) and run once
 * per use by a subclass: the migration lock, the lock of a backfill, the lock that creates a bookkeeping table. Each
 * test races or breaks real sessions on the real database, and after each test no advisory lock is left in the
 * database.
 */
@ExtendWith(PostgresExtension.class)
abstract class AdvisoryLockContractTest {

    private static final Duration LONG = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(5);

    private TestDatabase db;

    /** The lock of the use under test, on the connection. */
    abstract AdvisoryLock lock(Connection connection);

    /** Whether the use waits for the lock ({@link AdvisoryLock#acquire}); otherwise it tries once. */
    abstract boolean waits();

    @BeforeEach
    void counter(TestDatabase db) {
        this.db = db;
        db.execute("DROP TABLE IF EXISTS counter; CREATE TABLE counter (n int NOT NULL);"
                + " INSERT INTO counter VALUES (0)");
    }

    @AfterEach
    void noAdvisoryLockIsLeft() throws InterruptedException {
        // A session that was killed or aborted leaves pg_locks as soon as its backend has exited.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (advisoryLocks() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(advisoryLocks())
                .as("advisory locks held in this database after the test")
                .isZero();
    }

    @Test
    void racingThreadsWithTheirOwnConnectionsSeeMutualExclusion() throws Exception {
        int threads = 8;
        int increments = 12;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                try (Connection c = db.connect()) {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                        AdvisoryLock lock = lock(c);
                        takeWaiting(c, lock);
                        try {
                            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            // A read-modify-write that loses updates unless the lock keeps the others out.
                            int n = queryInt(c, "SELECT n FROM counter");
                            Thread.sleep(1);
                            try (Statement s = c.createStatement()) {
                                s.executeUpdate("UPDATE counter SET n = " + (n + 1));
                            }
                            inside.decrementAndGet();
                        } finally {
                            end(c);
                            assertThat(lock.release()).as("release confirmed").isTrue();
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(db.queryLong("SELECT n FROM counter")).isEqualTo(threads * increments);
        assertThat(mostInside.get()).as("threads inside the lock at once").isEqualTo(1);
    }

    @Test
    void theHolderIsReportedWhileWaiting() throws Exception {
        try (Connection holder = db.connect();
                Connection other = db.connect()) {
            execute(holder, "SET application_name = 'contract-holder'");
            int holderPid = queryInt(holder, "SELECT pg_backend_pid()");
            AdvisoryLock held = lock(holder);
            takeWaiting(holder, held);

            AdvisoryLock wanted = lock(other);
            if (waits()) {
                List<LockHolder> seen = new CopyOnWriteArrayList<>();
                begin(other, wanted);
                Throwable timeout = catchThrowable(() ->
                        wanted.acquire(Duration.ofMillis(300), Duration.ofMillis(20), (h, waited) -> seen.add(h)));
                end(other);
                assertThat(timeout)
                        .isInstanceOf(SlipwayException.class)
                        .hasMessageContaining("Gave up waiting for the")
                        .hasMessageContaining("pg_terminate_backend(" + holderPid + ")");
                assertThat(seen).isNotEmpty().allSatisfy(h -> {
                    assertThat(h.pid()).isEqualTo(holderPid);
                    assertThat(h.applicationName()).isEqualTo("contract-holder");
                });
            } else {
                begin(other, wanted);
                assertThat(wanted.tryAcquire())
                        .as("taken while another session holds it")
                        .isFalse();
                end(other);
            }
            assertThat(wanted.holder())
                    .hasValueSatisfying(h -> assertThat(h.pid()).isEqualTo(holderPid));
            assertThat(wanted.release())
                    .as("a lock never taken needs no release")
                    .isTrue();
            assertThat(other.isClosed()).isFalse();

            end(holder);
            assertThat(held.release()).isTrue();
            assertThat(wanted.holder()).isEmpty();
        }
    }

    @Test
    void aKilledHolderSessionFreesTheLock() throws Exception {
        try (Connection holder = db.connect();
                Connection other = db.connect()) {
            int holderPid = queryInt(holder, "SELECT pg_backend_pid()");
            takeWaiting(holder, lock(holder));

            execute(other, "SELECT pg_terminate_backend(" + holderPid + ")");

            AdvisoryLock lock = lock(other);
            takeWaiting(other, lock);
            end(other);
            assertThat(lock.release()).isTrue();
        }
    }

    @Test
    void aReleaseThatCannotBeConfirmedClosesTheConnection() throws Exception {
        try (Connection c = db.connect();
                Connection other = db.connect()) {
            AdvisoryLock lock = lock(c);
            takeWaiting(c, lock);
            if (lock.scope() == AdvisoryLock.Scope.SESSION) {
                // What a transaction-pooling proxy does: the lock is no longer this session's when it is released.
                execute(c, "SELECT pg_advisory_unlock_all()");
            }
            // (A transaction lock is released while its transaction is still open: the session keeps it.)

            assertThat(lock.release()).as("release confirmed").isFalse();

            assertThat(c.isClosed()).as("connection closed").isTrue();
            AdvisoryLock next = lock(other);
            takeWaiting(other, next);
            end(other);
            assertThat(next.release()).isTrue();
        }
    }

    /** Takes the lock as the use does, waiting as long as it takes (a try-once use tries again until it gets it). */
    private void takeWaiting(Connection c, AdvisoryLock lock) throws SQLException, InterruptedException {
        begin(c, lock);
        if (waits()) {
            lock.acquire(LONG, POLL, (holder, waited) -> {});
            return;
        }
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!lock.tryAcquire()) {
            assertThat(System.nanoTime()).as("still not taken after " + LONG).isLessThan(deadline);
            Thread.sleep(POLL.toMillis());
        }
    }

    /** A transaction-scoped lock is taken in a transaction. */
    private static void begin(Connection c, AdvisoryLock lock) throws SQLException {
        if (lock.scope() == AdvisoryLock.Scope.TRANSACTION) {
            c.setAutoCommit(false);
        }
    }

    /** Ends the transaction of a transaction-scoped lock (which releases it); nothing for a session lock. */
    private static void end(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private long advisoryLocks() {
        return db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    private static int queryInt(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
