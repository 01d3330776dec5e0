package dev.slipway.migrate.internal.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backfill's batches are fenced by the owner recorded in {@code slipway_backfills}: two runs that both believe they
 * hold the backfill's lock (made here through the engine's test seam: each takes a lock of its own key) never commit
 * a batch twice.
 */
@ExtendWith(PostgresExtension.class)
class BackfillFencingTest {

    @Test
    void twoRunsThatBothBelieveTheyHoldTheBackfillLockProcessEveryRowOnce(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE counted (id bigint PRIMARY KEY, hits int NOT NULL DEFAULT 0)");
        db.execute("INSERT INTO counted (id) SELECT g FROM generate_series(1, 20000) g");
        // No where: every row is processed once, in one pass; a batch committed twice counts 2 in its rows.
        Backfill backfill = Backfill.named("counted_hits")
                .table("counted")
                .set("hits = hits + 1")
                .batchSize(100)
                .batchSizeBounds(100, 100)
                .pause(Duration.ZERO)
                .build();
        BackfillConfig config = BackfillConfig.builder()
                .pollInterval(Duration.ofMillis(5))
                .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<BackfillStatus>> runs = new ArrayList<>();
        for (long key = 1; key <= 2; key++) {
            long own = 9_100_000_000L + key;
            BackfillEngine engine = new BackfillEngine(
                            db.dataSource(), SlipwayConfig.builder().build(), config, List.of())
                    .locks((c, schema, table, name) -> new AdvisoryLock(
                            c,
                            own,
                            schema + "." + table + "/" + name,
                            "the backfill lock",
                            AdvisoryLock.Scope.SESSION));
            runs.add(pool.submit(() -> engine.run(backfill, StopSignal.create())));
        }
        for (Future<BackfillStatus> run : runs) {
            assertThat(run.get(5, TimeUnit.MINUTES).state()).isEqualTo(BackfillState.COMPLETED);
        }
        pool.shutdown();

        assertThat(db.queryLong("SELECT count(*) FROM counted WHERE hits <> 1"))
                .as("rows not processed once")
                .isZero();
        assertThat(db.queryLong("SELECT rows_processed FROM slipway_backfills WHERE name = 'counted_hits'"))
                .isEqualTo(20000);
    }
}
