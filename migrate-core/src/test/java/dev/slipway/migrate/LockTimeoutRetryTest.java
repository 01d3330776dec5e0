package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ALTER TABLE queued behind a long transaction must not stall the readers of the table: with
 * {@code lock_timeout} it gives up its place in the lock queue after the timeout, backs off, and tries again.
 */
@ExtendWith(PostgresExtension.class)
class LockTimeoutRetryTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(300);
    private static final long LONG_TRANSACTION_MS = 5_000;

    @Test
    void alterBehindALongTransactionIsRetriedWhileReadsKeepCompleting(TestDatabase db, @TempDir Path dir)
            throws Exception {
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int)");
        db.execute("INSERT INTO accounts SELECT g, 0 FROM generate_series(1, 100) g");
        MigrationFiles files =
                new MigrationFiles(dir).add("1_add_column", "ALTER TABLE accounts ADD COLUMN note text;");
        List<LockTimeoutRetry> retries = new CopyOnWriteArrayList<>();
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .baselineVersion("0")
                        .ddlLockTimeout(LOCK_TIMEOUT)
                        .ddlRetryBudget(Duration.ofMinutes(1))
                        .build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockTimeoutRetry(LockTimeoutRetry retry) {
                        retries.add(retry);
                    }
                })
                .build();

        try (Connection longTx = db.connect()) {
            longTx.setAutoCommit(false);
            try (Statement s = longTx.createStatement()) {
                s.execute("SELECT count(*) FROM accounts");
            }
            long txStart = System.nanoTime();
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(slipway::migrate);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong slowestReadMs = new AtomicLong();
            AtomicLong reads = new AtomicLong();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try (Connection c = db.connect();
                        Statement s = c.createStatement()) {
                    while (!stop.get()) {
                        long t = System.nanoTime();
                        s.executeQuery("SELECT count(*) FROM accounts").close();
                        slowestReadMs.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                        reads.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            while ((System.nanoTime() - txStart) / 1_000_000 < LONG_TRANSACTION_MS) {
                Thread.sleep(50);
            }
            assertThat(migration).isNotDone();
            longTx.commit();

            MigrateResult result = migration.get(1, TimeUnit.MINUTES);
            stop.set(true);
            reader.get(10, TimeUnit.SECONDS);

            assertThat(result.appliedCount()).isEqualTo(1);
            assertThat(retries).isNotEmpty();
            assertThat(retries).allSatisfy(r -> {
                assertThat(r.sqlState()).isEqualTo("55P03");
                assertThat(r.statement()).isEqualTo(1);
            });
            assertThat(reads.get()).isGreaterThan(20);
            // A read queued behind the waiting ALTER waits at most about the lock timeout, never the whole
            // long transaction; the margin allows for a busy machine.
            assertThat(slowestReadMs.get()).isLessThan(LONG_TRANSACTION_MS / 2);
        }
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'"
                        + " AND column_name = 'note'"))
                .isEqualTo(1);
    }

    @Test
    void retriesCountUpAndBackOffExponentiallyWithJitter(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA backoff");
        db.execute("CREATE TABLE backoff.busy (id int)");
        MigrationFiles files = new MigrationFiles(dir).add("1_alter", "ALTER TABLE busy ADD COLUMN x int;");
        Duration initial = Duration.ofMillis(10);
        Duration max = Duration.ofSeconds(1);
        List<LockTimeoutRetry> retries = new CopyOnWriteArrayList<>();
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema("backoff")
                        .baselineVersion("0")
                        .ddlLockTimeout(Duration.ofMillis(50))
                        .ddlRetryInitialBackoff(initial)
                        .ddlRetryMaxBackoff(max)
                        .ddlRetryBudget(Duration.ofMinutes(1))
                        .build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockTimeoutRetry(LockTimeoutRetry retry) {
                        retries.add(retry);
                    }
                })
                .build();

        CompletableFuture<MigrateResult> migration;
        try (Connection longTx = db.connect()) {
            longTx.setAutoCommit(false);
            try (Statement s = longTx.createStatement()) {
                s.execute("LOCK TABLE backoff.busy IN ACCESS SHARE MODE");
            }
            migration = CompletableFuture.supplyAsync(slipway::migrate);
            while (retries.size() < 8 && !migration.isDone()) {
                Thread.sleep(20);
            }
            longTx.rollback();
        }
        assertThat(migration.get(1, TimeUnit.MINUTES).appliedCount()).isEqualTo(1);

        assertThat(retries).hasSizeGreaterThanOrEqualTo(8);
        assertThat(retries)
                .extracting(LockTimeoutRetry::attempt)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, retries.size()).boxed().toList());
        // Full jitter: each back-off lies in [0, min(max, initial * 2^(attempt - 1))]
        assertThat(retries).allSatisfy(r -> assertThat(r.backoff()).isBetween(Duration.ZERO, bound(initial, max, r)));
        // The bound grows: with 8 retries, all back-offs within the first bound has a chance of 2^-28
        assertThat(retries).anySatisfy(r -> assertThat(r.backoff()).isGreaterThan(initial));
        // The back-off is drawn, not the bound itself
        assertThat(retries).anySatisfy(r -> assertThat(r.backoff()).isLessThan(bound(initial, max, r)));
    }

    private static Duration bound(Duration initial, Duration max, LockTimeoutRetry retry) {
        Duration bound = initial.multipliedBy(1L << Math.min(retry.attempt() - 1, 30));
        return bound.compareTo(max) < 0 ? bound : max;
    }

    @Test
    void givesUpWhenTheRetryBudgetIsSpentAndSaysWhatHeldTheLock(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA budget");
        db.execute("CREATE TABLE budget.busy (id int)");
        MigrationFiles files = new MigrationFiles(dir).add("1_alter", "ALTER TABLE busy ADD COLUMN x int;");
        List<LockTimeoutRetry> retries = new CopyOnWriteArrayList<>();
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema("budget")
                        .baselineVersion("0")
                        .ddlLockTimeout(Duration.ofMillis(100))
                        .ddlRetryBudget(Duration.ofSeconds(1))
                        .build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockTimeoutRetry(LockTimeoutRetry retry) {
                        retries.add(retry);
                    }
                })
                .build();
        try (Connection longTx = db.connect()) {
            longTx.setAutoCommit(false);
            String blocker;
            try (Statement s = longTx.createStatement()) {
                s.execute("LOCK TABLE budget.busy IN ACCESS SHARE MODE");
                try (java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    blocker = rs.getString(1);
                }
            }

            org.assertj.core.api.Assertions.assertThatThrownBy(slipway::migrate)
                    .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                        assertThat(e.getSqlState()).isEqualTo("55P03");
                        assertThat(e.getMessage())
                                .contains("gave up after")
                                .contains("raise the DDL retry budget")
                                .contains("pg_stat_activity");
                        // every attempt counted (each retry reported, then the last one), over the time they took
                        assertThat(e.getMessage())
                                .as(e.getMessage())
                                .containsPattern("-> gave up after "
                                        + (retries.size() + 1)
                                        + " attempts over [0-9]+\\.[0-9] s: statement 1 \\(line 1\\) "
                                        + "kept waiting for a lock on table busy that another transaction held\n")
                                .contains("-> applied: nothing of this migration (it runs in one transaction, rolled "
                                        + "back after each attempt)\n")
                                .endsWith("then start again: the next start runs it from its first statement.");
                        // the query the message suggests finds the transaction that held the lock, open a few seconds
                        java.util.regex.Matcher query = java.util.regex.Pattern.compile(
                                        "(SELECT DISTINCT a\\.pid[^;]*);")
                                .matcher(e.getMessage());
                        assertThat(query.find()).as(e.getMessage()).isTrue();
                        assertThat(db.queryStrings(query.group(1)
                                        .replace(
                                                "DISTINCT a.pid, a.state, a.xact_start, a.query",
                                                "DISTINCT a.pid::text")))
                                .contains(blocker);
                    });
            longTx.rollback();
        }
        assertThat(Slipway.builder(db.dataSource())
                        .config(files.config().schema("budget").build())
                        .build()
                        .migrate()
                        .appliedCount())
                .isEqualTo(1);
    }

    @Test
    void aNonTransactionalMigrationOutOfRetriesSaysWhichStatementsStayAppliedAndResumesAfterThem(
            TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA budget_nt");
        db.execute("CREATE TABLE budget_nt.busy (id int)");
        db.execute("CREATE TABLE budget_nt.events (what text)");
        MigrationFiles files = new MigrationFiles(dir)
                .add(
                        "1_steps",
                        "-- slipway:transaction off\n"
                                + "INSERT INTO events VALUES ('statement 1');\n"
                                + "ALTER TABLE busy ADD COLUMN x int;\n"
                                + "INSERT INTO events VALUES ('statement 3');");
        List<LockTimeoutRetry> retries = new CopyOnWriteArrayList<>();
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema("budget_nt")
                        .baselineVersion("0")
                        .ddlLockTimeout(Duration.ofMillis(100))
                        .ddlRetryBudget(Duration.ofSeconds(1))
                        .build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockTimeoutRetry(LockTimeoutRetry retry) {
                        retries.add(retry);
                    }
                })
                .build();
        try (Connection longTx = db.connect()) {
            longTx.setAutoCommit(false);
            try (Statement s = longTx.createStatement()) {
                s.execute("LOCK TABLE budget_nt.busy IN ACCESS SHARE MODE");
            }

            org.assertj.core.api.Assertions.assertThatThrownBy(slipway::migrate)
                    .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                        assertThat(e.getSqlState()).isEqualTo("55P03");
                        assertThat(e.getStatement()).isEqualTo(2);
                        assertThat(e.getMessage())
                                .as(e.getMessage())
                                .containsPattern("-> gave up after "
                                        + (retries.size() + 1)
                                        + " attempts over [0-9]+\\.[0-9] s: statement 2 \\(line 3\\) "
                                        + "kept waiting for a lock on table busy that another transaction held\n")
                                .contains("-> applied: statement 1 (line 2) of 3, and they stay applied (it runs "
                                        + "outside a transaction); statement 2 and those after it are not\n")
                                .contains("pg_stat_activity")
                                .endsWith("then start again: the next start resumes at statement 2 (line 3).");
                    });
            assertThat(db.queryStrings("SELECT what FROM budget_nt.events")).containsExactly("statement 1");
            longTx.rollback();
        }

        assertThat(slipway.migrate().applied()).extracting(MigrationInfo::id).containsExactly("1_steps");
        assertThat(db.queryStrings("SELECT what FROM budget_nt.events ORDER BY what"))
                .containsExactly("statement 1", "statement 3");
    }
}
