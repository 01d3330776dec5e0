package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ConcurrentMigrateTest {

    @Test
    void eightThreadsRacingOnAnEmptyDatabaseApplyEveryMigrationExactlyOnce(TestDatabase db, @TempDir Path dir)
            throws Exception {
        MigrationFiles files = new MigrationFiles(dir);
        for (int i = 1; i <= 20; i++) {
            files.add(
                    String.format("%03d_table_%d", i, i),
                    "CREATE TABLE t" + i + " (id int);\nINSERT INTO t" + i + " SELECT 1;\nSELECT pg_sleep(0.01);");
        }
        files.add("021_index", "CREATE INDEX CONCURRENTLY t1_id ON t1 (id);");
        AtomicInteger waits = new AtomicInteger();
        SlipwayListener waitCounter = new SlipwayListener() {
            @Override
            public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
                waits.incrementAndGet();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                Slipway slipway = Slipway.builder(db.dataSource())
                        .config(files.config().build())
                        .listener(waitCounter)
                        .build();
                start.await();
                return slipway.migrate();
            }));
        }
        start.countDown();
        int applied = 0;
        for (Future<MigrateResult> result : results) {
            applied += result.get(2, TimeUnit.MINUTES).appliedCount();
        }
        pool.shutdown();

        assertThat(applied).isEqualTo(21);
        assertThat(waits.get()).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations")).isEqualTo(21);
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM slipway_migrations"
                        + " WHERE finished_at IS NOT NULL AND logs IS NULL"))
                .isEqualTo(21);
        for (int i = 1; i <= 20; i++) {
            assertThat(db.queryLong("SELECT count(*) FROM t" + i)).isEqualTo(1);
        }
    }

    @Test
    void historiesInTwoSchemasOfOneDatabaseDoNotWaitForEachOther(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA app_a");
        db.execute("CREATE SCHEMA app_b");
        db.execute("CREATE TABLE app_a.busy (id int)");
        MigrationFiles filesA =
                new MigrationFiles(dir.resolve("a")).add("1_alter_busy", "ALTER TABLE busy ADD COLUMN note text;");
        MigrationFiles filesB =
                new MigrationFiles(dir.resolve("b")).add("1_create_orders", "CREATE TABLE orders (id int);");
        AtomicInteger retriesA = new AtomicInteger();
        Slipway slipwayA = Slipway.builder(db.dataSource())
                .config(filesA.config()
                        .schema("app_a")
                        .baselineVersion("0")
                        .ddlLockTimeout(Duration.ofMillis(100))
                        .ddlRetryBudget(Duration.ofMinutes(2))
                        .build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockTimeoutRetry(LockTimeoutRetry retry) {
                        retriesA.incrementAndGet();
                    }
                })
                .build();
        AtomicInteger waitsB = new AtomicInteger();
        Slipway slipwayB = Slipway.builder(db.dataSource())
                .config(filesB.config()
                        .schema("app_b")
                        .lockWaitTimeout(Duration.ofSeconds(5))
                        .build())
                .listener(new SlipwayListener() {
                    @Override
                    public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
                        waitsB.incrementAndGet();
                    }
                })
                .build();

        CompletableFuture<MigrateResult> migrationA;
        try (Connection longTx = db.connect()) {
            longTx.setAutoCommit(false);
            try (Statement s = longTx.createStatement()) {
                s.execute("LOCK TABLE app_a.busy IN ACCESS SHARE MODE");
            }
            // A holds the migration lock of app_a while its ALTER retries behind the open transaction
            migrationA = CompletableFuture.supplyAsync(slipwayA::migrate);
            while (retriesA.get() == 0 && !migrationA.isDone()) {
                Thread.sleep(20);
            }
            assertThat(slipwayA.status().lockHolder()).isPresent();

            assertThat(slipwayB.migrate().appliedCount()).isEqualTo(1);
            assertThat(waitsB.get()).isZero();
            assertThat(slipwayB.status().lockHolder()).isEmpty();
            assertThat(migrationA).isNotDone();
            longTx.rollback();
        }
        assertThat(migrationA.get(1, TimeUnit.MINUTES).appliedCount()).isEqualTo(1);
        assertThat(AdvisoryLock.keyFor("app_a", "slipway_migrations"))
                .isNotEqualTo(AdvisoryLock.keyFor("app_b", "slipway_migrations"));
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns"
                        + " WHERE table_schema = 'app_a' AND table_name = 'busy' AND column_name = 'note'"))
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'app_b' AND tablename = 'orders'"))
                .isEqualTo(1);
    }
}
