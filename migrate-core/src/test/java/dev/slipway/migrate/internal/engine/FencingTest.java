package dev.slipway.migrate.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.MigrateResult;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayListener;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.internal.lock.LeaseLostException;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once must hold even when the migration lock leaks (a transaction-pooling proxy hands the session that holds
 * it to another client): runners that both believe they hold the lock are made here through the engine's test seam,
 * which hands each a lock of its own key; everything else runs the production path.
 */
@ExtendWith(PostgresExtension.class)
class FencingTest {

    private static final AtomicLong KEYS = new AtomicLong(7_000_000_000L);

    @Test
    void twoRunnersThatBothBelieveTheyHoldTheMigrationLockCannotBothApplyAMigration(TestDatabase db, @TempDir Path dir)
            throws Exception {
        String schema = schema(db, "two_runners");
        write(dir, "1_applied", "CREATE TABLE applied (version int);");
        new MigrationEngine(
                        db.dataSource(),
                        config(dir, schema),
                        List.of(),
                        getClass().getClassLoader())
                .migrate();
        for (int v = 2; v <= 6; v++) {
            write(dir, v + "_insert_" + v, "INSERT INTO applied VALUES (" + v + ");");
        }
        // Both runners have read the history and planned 2..6 before either runs its first migration.
        CountDownLatch bothPlanned = new CountDownLatch(2);
        SlipwayListener meetBeforeTheFirstMigration = new SlipwayListener() {
            private final ThreadLocal<Boolean> met = ThreadLocal.withInitial(() -> false);

            @Override
            public void migrationStarted(MigrationInfo migration) {
                if (!met.get()) {
                    met.set(true);
                    bothPlanned.countDown();
                    await(bothPlanned);
                }
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<MigrateResult>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            MigrationEngine engine = leakingLock(new MigrationEngine(
                    db.dataSource(),
                    config(dir, schema),
                    List.of(meetBeforeTheFirstMigration),
                    getClass().getClassLoader()));
            runs.add(pool.submit(engine::migrate));
        }
        List<MigrateResult> succeeded = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        collect(runs, succeeded, failed);
        pool.shutdown();

        assertThat(succeeded)
                .singleElement()
                .satisfies(r -> assertThat(r.appliedCount()).isEqualTo(5));
        assertThat(failed).singleElement().isInstanceOfSatisfying(LeaseLostException.class, e -> {
            assertThat(e.getMessage())
                    .startsWith("Stopped before migration 2_insert_2: another runner took the lock of " + schema
                            + ".slipway_migrations while this one believed it held it")
                    .contains("-> fencing token held by this runner: " + e.getHeldToken())
                    .contains("-> fencing token in slipway_locks now:   " + e.getCurrentToken())
                    .contains("transaction-pooling proxy")
                    .contains("the migration login's URL");
            assertThat(e.getCurrentToken()).isGreaterThan(e.getHeldToken());
        });
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".applied")).isEqualTo(5);
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM " + schema + ".applied"))
                .isEqualTo(5);
        assertThat(db.queryStrings("SELECT version || ':' || count(*) FROM " + schema + ".slipway_migrations"
                        + " GROUP BY version ORDER BY version::int"))
                .containsExactly("1:1", "2:1", "3:1", "4:1", "5:1", "6:1");
    }

    @Test
    void manyRunnersRacingWithLeakedLocksApplyEachMigrationExactlyOnce(TestDatabase db, @TempDir Path dir)
            throws Exception {
        String schema = schema(db, "many_runners");
        write(dir, "001_applied", "CREATE TABLE applied (version int);");
        new MigrationEngine(
                        db.dataSource(),
                        config(dir, schema),
                        List.of(),
                        getClass().getClassLoader())
                .migrate();
        for (int v = 2; v <= 41; v++) {
            write(dir, String.format("%03d_insert_%d", v, v), "INSERT INTO applied VALUES (" + v + ");");
        }
        int runners = 6;
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> runs = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            MigrationEngine engine = leakingLock(new MigrationEngine(
                    db.dataSource(), config(dir, schema), List.of(), getClass().getClassLoader()));
            runs.add(pool.submit(() -> {
                start.await();
                return engine.migrate();
            }));
        }
        start.countDown();
        List<MigrateResult> succeeded = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        collect(runs, succeeded, failed);
        pool.shutdown();

        assertThat(failed).allSatisfy(e -> assertThat(e).isInstanceOf(LeaseLostException.class));
        assertThat(succeeded).isNotEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".applied")).isEqualTo(41 - 1);
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM " + schema + ".applied"))
                .isEqualTo(41 - 1);
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations"))
                .isEqualTo(41);
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM " + schema + ".slipway_migrations"
                        + " WHERE finished_at IS NOT NULL"))
                .isEqualTo(41);
    }

    @Test
    void aTransactionalMigrationStopsWhenAnotherRunnerTookTheLeaseAndAppliesNothing(
            TestDatabase db, @TempDir Path dir) {
        String schema = schema(db, "transactional");
        write(dir, "1_first", "CREATE TABLE first (id int);");
        write(dir, "2_second", "CREATE TABLE second (id int);");
        MigrationEngine engine = new MigrationEngine(
                db.dataSource(),
                config(dir, schema),
                List.of(takeTheLeaseBefore("2_second", db, schema)),
                getClass().getClassLoader());

        Throwable error = catchThrowable(engine::migrate);

        assertThat(error)
                .isInstanceOf(LeaseLostException.class)
                .hasMessageStartingWith("Stopped before migration 2_second: another runner took the lock of " + schema
                        + ".slipway_migrations")
                .hasMessageContaining("-> fencing token held by this runner: 1")
                .hasMessageContaining("-> fencing token in slipway_locks now:   2");
        assertThat(db.queryStrings("SELECT version FROM " + schema + ".slipway_migrations"))
                .containsExactly("1");
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'second'"))
                .isZero();
    }

    @Test
    void aNonTransactionalMigrationChecksBeforeEachStatementAndRecordsItsStepsOnlyWhileItHoldsTheLease(
            TestDatabase db, @TempDir Path dir) {
        String schema = schema(db, "statement_by_statement");
        write(dir, "1_first", "CREATE TABLE first (id int);");
        // Statement 1 does what another runner taking the lock does; statement 2 must then never run.
        write(
                dir,
                "2_steps",
                "-- slipway:transaction off\n"
                        + "UPDATE " + schema + ".slipway_locks SET token = token + 1;\n"
                        + "CREATE TABLE never (id int);");
        MigrationEngine engine = new MigrationEngine(
                db.dataSource(), config(dir, schema), List.of(), getClass().getClassLoader());

        Throwable error = catchThrowable(engine::migrate);

        assertThat(error)
                .isInstanceOf(LeaseLostException.class)
                .hasMessageStartingWith("Stopped before recording that statement 1 of migration 2_steps ran: another"
                        + " runner took the lock of " + schema + ".slipway_migrations");
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'never'"))
                .isZero();
        assertThat(db.queryStrings("SELECT version || ':' || applied_steps || ':' || (finished_at IS NULL)" + " FROM "
                        + schema + ".slipway_migrations ORDER BY started_at"))
                .containsExactly("1:1:false", "2:0:true");

        // A non-transactional migration whose lease was taken before its next statement stops before it.
        write(dir, "2_steps", "-- slipway:transaction off\nCREATE TABLE never (id int);");
        db.execute("DELETE FROM " + schema + ".slipway_migrations WHERE version = '2'");
        MigrationEngine next = new MigrationEngine(
                db.dataSource(),
                config(dir, schema),
                List.of(takeTheLeaseBefore("2_steps", db, schema)),
                getClass().getClassLoader());
        assertThat(catchThrowable(next::migrate))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageStartingWith("Stopped before migration 2_steps: another runner took the lock");
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version = '2'"))
                .isZero();
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'never'"))
                .isZero();
    }

    /** A listener that, when the given migration starts, does what another runner taking the lock does. */
    private static SlipwayListener takeTheLeaseBefore(String id, TestDatabase db, String schema) {
        return new SlipwayListener() {
            @Override
            public void migrationStarted(MigrationInfo migration) {
                if (migration.id().equals(id)) {
                    db.execute("UPDATE " + schema + ".slipway_locks SET token = token + 1, holder = 'another runner'");
                }
            }
        };
    }

    /** The engine with a migration lock of a key of its own: it believes it holds the migration lock, as all do. */
    private static MigrationEngine leakingLock(MigrationEngine engine) {
        long key = KEYS.incrementAndGet();
        return engine.locks((c, history) -> new AdvisoryLock(
                c, key, history.displayName(), AdvisoryLock.MIGRATION_LOCK, AdvisoryLock.Scope.SESSION));
    }

    private static void collect(List<Future<MigrateResult>> runs, List<MigrateResult> succeeded, List<Throwable> failed)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        for (Future<MigrateResult> run : runs) {
            try {
                succeeded.add(run.get(3, TimeUnit.MINUTES));
            } catch (ExecutionException e) {
                failed.add(e.getCause());
            }
        }
    }

    private static SlipwayConfig config(Path dir, String schema) {
        return SlipwayConfig.builder()
                .locations("filesystem:" + dir.toAbsolutePath())
                .schema(schema)
                .lockPollInterval(Duration.ofMillis(20))
                .build();
    }

    private static String schema(TestDatabase db, String name) {
        db.execute("CREATE SCHEMA " + name);
        return name;
    }

    private static void write(Path dir, String id, String sql) {
        try {
            Files.createDirectories(dir.resolve(id));
            Files.writeString(dir.resolve(id).resolve("migration.sql"), sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the other runner never planned");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
