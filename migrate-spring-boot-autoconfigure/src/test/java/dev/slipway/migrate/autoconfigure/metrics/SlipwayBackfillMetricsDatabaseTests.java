package dev.slipway.migrate.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.SlipwayBackfillAutoConfiguration;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.BatchReport;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The backfill meters recorded while a backfill runs on a real database, read from a {@link SimpleMeterRegistry}:
 * {@code slipway.backfill.rows}, {@code slipway.backfill.batch.duration} and {@code slipway.backfill.progress}.
 * The backfill runs on the test's thread through the {@link Backfills} bean; each test migrates its own schema
 * ({@code db/backfill-migrations}: 3,000 rows in {@code items}).
 */
@PostgresTest
class SlipwayBackfillMetricsDatabaseTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    SlipwayBackfillAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    SlipwayMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, () -> registry)
            .withPropertyValues("slipway.locations=classpath:db/backfill-migrations", "slipway.backfill.pause=0");

    private static Backfill upperName() {
        return Backfill.named("items_name_upper")
                .table("items")
                .set("name_upper = upper(name)")
                .where("name_upper IS NULL")
                .batchSizeBounds(500, 500)
                .batchSize(500)
                .build();
    }

    @Test
    void countsTheRowsAndTimesTheBatchesOfABackfill(TestDatabase db) {
        connectedTo(db, "counted")
                .withBean(Backfill.class, SlipwayBackfillMetricsDatabaseTests::upperName)
                .run(context -> {
                    assertThat(context).hasNotFailed();

                    context.getBean(Backfills.class).run(context.getBean(Backfill.class), StopSignal.create());

                    assertThat(registry.get("slipway.backfill.rows")
                                    .tag("backfill", "items_name_upper")
                                    .counter()
                                    .count())
                            .isEqualTo(3000.0);
                    // 6 batches of 500 rows, then those that find the end of the table and nothing left to sweep.
                    assertThat(registry.get("slipway.backfill.batch.duration")
                                    .tag("backfill", "items_name_upper")
                                    .timer()
                                    .count())
                            .isGreaterThanOrEqualTo(6);
                    assertThat(progress()).isEqualTo(1.0);
                });
    }

    @Test
    void progressGaugeFollowsTheBackfillFromNothingToHalfway(TestDatabase db) {
        StopSignal.Manual stop = StopSignal.create();
        AtomicInteger batches = new AtomicInteger();
        BackfillListener stopAfterThreeBatches = new BackfillListener() {
            @Override
            public void batchCompleted(BatchReport report) {
                if (batches.incrementAndGet() == 3) {
                    stop.requestStop();
                }
            }
        };
        connectedTo(db, "halfway")
                .withBean(Backfill.class, SlipwayBackfillMetricsDatabaseTests::upperName)
                .withBean(BackfillListener.class, () -> stopAfterThreeBatches)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(progress())
                            .as("before the backfill was ever recorded")
                            .isEqualTo(0.0);

                    var status = context.getBean(Backfills.class).run(context.getBean(Backfill.class), stop);

                    assertThat(status.state()).isEqualTo(BackfillState.RUNNING);
                    assertThat(progress()).isEqualTo(0.5);
                    assertThat(registry.get("slipway.backfill.rows")
                                    .tag("backfill", "items_name_upper")
                                    .counter()
                                    .count())
                            .isEqualTo(1500.0);
                });
    }

    private double progress() {
        return registry.get("slipway.backfill.progress")
                .tag("backfill", "items_name_upper")
                .gauge()
                .value();
    }

    private ApplicationContextRunner connectedTo(TestDatabase db, String schema) {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + db.password(),
                "slipway.schema=" + schema);
    }
}
