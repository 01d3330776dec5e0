package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            files.add(String.format("%03d_table_%d", i, i),
                    "CREATE TABLE t" + i + " (id int);\nINSERT INTO t" + i + " SELECT 1;\nSELECT pg_sleep(0.01);");
        }
        files.add("021_index", "CREATE INDEX CONCURRENTLY t1_id ON t1 (id);");
        AtomicInteger waits = new AtomicInteger();
        SlipwayListener waitCounter = new SlipwayListener() {
            @Override
            public void lockWaiting(LockHolder holder, java.time.Duration waitedSoFar) {
                waits.incrementAndGet();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                Slipway slipway = Slipway.builder(db.dataSource()).config(files.config().build())
                        .listener(waitCounter).build();
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
                + " WHERE finished_at IS NOT NULL AND logs IS NULL")).isEqualTo(21);
        for (int i = 1; i <= 20; i++) {
            assertThat(db.queryLong("SELECT count(*) FROM t" + i)).isEqualTo(1);
        }
    }
}
