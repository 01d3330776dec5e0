package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.test.PgBouncer;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The background tasks through a real PgBouncer in transaction mode: heartbeat, contract and a backfill each log the
 * refusal once at ERROR, with the fix in Spring Boot's terms, and return instead of failing at every interval.
 * Isolated, because it reads the captured console output.
 */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
@Isolated
class PoolerRefusalTaskTests {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    @Test
    void heartbeatContractAndBackfillTasksLogTheRefusalOnceAndStop(TestDatabase db, CapturedOutput output)
            throws Exception {
        db.execute("CREATE TABLE items (id bigint PRIMARY KEY, label text)");
        try (PgBouncer bouncer = PgBouncer.start(db, PgBouncer.PoolMode.TRANSACTION, 1)) {
            Slipway slipway = Slipway.builder(bouncer.dataSource())
                    .config(SlipwayConfig.builder()
                            .locations("classpath:db/migrations")
                            .build())
                    .build();
            Backfills backfills = Backfills.builder(bouncer.dataSource()).build();
            Backfill backfill = Backfill.named("items_label")
                    .table("items")
                    .set("label = 'x'")
                    .where("label IS NULL")
                    .build();

            for (SlipwayBackgroundTask task : new SlipwayBackgroundTask[] {
                new HeartbeatTask(slipway, INTERVAL),
                new ContractTask(slipway, INTERVAL),
                new BackfillTask(backfill, backfills, INTERVAL)
            }) {
                SlipwayBackgroundTaskContext context = new SlipwayBackgroundTaskContext();
                CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                    try {
                        task.run(context);
                    } catch (Exception ex) {
                        throw new IllegalStateException(ex);
                    }
                });
                run.get(60, TimeUnit.SECONDS);
                assertThat(context.isStopRequested()).isFalse();
                String stops = "ERROR " + ".*Background task " + Pattern.quote(task.name()) + " stops, and does not "
                        + "run again until the application restarts: The connections Slipway was given go through a "
                        + "transaction pooler";
                assertThat(Pattern.compile(stops)
                                .matcher(output.getOut() + output.getErr())
                                .results()
                                .count())
                        .as(task.name())
                        .isOne();
            }
            assertThat(output)
                    .contains("Give Slipway a direct connection to PostgreSQL with slipway.datasource.url,"
                            + " slipway.datasource.username and slipway.datasource.password")
                    .doesNotContain("Heartbeat into slipway_instances failed");
            assertThat(db.queryString("SELECT to_regclass('slipway_instances')::text"))
                    .isNull();
            assertThat(db.queryLong("SELECT count(*) FROM items WHERE label IS NOT NULL"))
                    .isZero();
        }
    }
}
