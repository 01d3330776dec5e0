package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The loop of {@link BackfillTask} on a real database, on a thread of the test's: it waits for a retry while the
 * backfill is FAILED, keeps trying while the database cannot be reached, and returns soon after a stop request.
 * Each test has its own schema with a table {@code items} of 500 rows, one of which (id 300) makes
 * {@code ratio = 100 / divisor} fail.
 */
@PostgresTest
class BackfillTaskTests {

    private static final Duration POLL = Duration.ofMillis(50);

    private final TestDatabase db;

    BackfillTaskTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void waitsWhileFailedAndRunsAgainOnceRetried() throws Exception {
        Backfills backfills = backfillsIn("retried", db.dataSource());
        SlipwayBackgroundTaskContext context = new SlipwayBackgroundTaskContext();
        CompletableFuture<Void> task = start(new BackfillTask(ratio("retried"), backfills, POLL), context);

        awaitState(backfills, BackfillState.FAILED);
        Thread.sleep(300);
        assertThat(task).as("waiting for a retry").isNotDone();

        db.execute("UPDATE retried.items SET divisor = 5 WHERE divisor = 0");
        backfills.retry("items_ratio");

        task.get(10, TimeUnit.SECONDS);
        assertThat(backfills.status("items_ratio").orElseThrow().state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.queryLong("SELECT count(*) FROM retried.items WHERE ratio = 100 / divisor"))
                .isEqualTo(500);
    }

    @Test
    void returnsSoonAfterAStopRequestWhileWaitingForARetry() throws Exception {
        Backfills backfills = backfillsIn("stopped", db.dataSource());
        SlipwayBackgroundTaskContext context = new SlipwayBackgroundTaskContext();
        CompletableFuture<Void> task =
                start(new BackfillTask(ratio("stopped"), backfills, Duration.ofMinutes(1)), context);
        awaitState(backfills, BackfillState.FAILED);

        context.requestStop();

        task.get(2, TimeUnit.SECONDS);
        assertThat(backfills.status("items_ratio").orElseThrow().state()).isEqualTo(BackfillState.FAILED);
    }

    @Test
    void keepsTryingWhileTheDatabaseCannotBeReached() throws Exception {
        db.execute("CREATE SCHEMA unreachable");
        AtomicInteger refusals = new AtomicInteger(3);
        DelegatingDataSource flaky = new DelegatingDataSource(db.dataSource()) {
            @Override
            public Connection getConnection() throws SQLException {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("connection pool is starting");
                }
                return super.getConnection();
            }
        };
        createItems("unreachable");
        db.execute("UPDATE unreachable.items SET divisor = 1 WHERE divisor = 0");
        Backfills backfills = backfillsIn("unreachable", flaky);

        start(new BackfillTask(ratio("unreachable"), backfills, POLL), new SlipwayBackgroundTaskContext())
                .get(10, TimeUnit.SECONDS);

        assertThat(refusals.get()).isNegative();
        assertThat(db.queryLong("SELECT count(*) FROM unreachable.items WHERE ratio = 100 / divisor"))
                .isEqualTo(500);
    }

    private Backfills backfillsIn(String schema, javax.sql.DataSource dataSource) {
        if (db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'") == 0) {
            db.execute("CREATE SCHEMA " + schema);
            createItems(schema);
        }
        return Backfills.builder(dataSource)
                .config(SlipwayConfig.builder().schema(schema).build())
                .backfillConfig(BackfillConfig.builder()
                        .pause(Duration.ZERO)
                        .pollInterval(POLL)
                        .build())
                .build();
    }

    private void createItems(String schema) {
        db.execute("CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY, divisor int NOT NULL, ratio int);"
                + " INSERT INTO " + schema + ".items SELECT i, CASE WHEN i = 300 THEN 0 ELSE 1 + i % 3 END"
                + " FROM generate_series(1, 500) AS i");
    }

    private static Backfill ratio(String schema) {
        return Backfill.named("items_ratio")
                .schema(schema)
                .table("items")
                .set("ratio = 100 / divisor")
                .where("ratio IS NULL")
                .batchSizeBounds(100, 100)
                .batchSize(100)
                .build();
    }

    private static CompletableFuture<Void> start(BackfillTask task, SlipwayBackgroundTaskContext context) {
        return CompletableFuture.runAsync(() -> {
            try {
                task.run(context);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        });
    }

    private static void awaitState(Backfills backfills, BackfillState state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (backfills.status("items_ratio").map(s -> s.state() != state).orElse(true)) {
            assertThat(System.nanoTime()).as("backfill %s within 10 s", state).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
