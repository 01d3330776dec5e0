package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.BatchReport;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@link SlipwayBackfillAutoConfiguration} in a context connected to a real database: the {@code Backfills} bean,
 * its configuration from {@code slipway.backfill.*}, and the background task of each {@code Backfill} bean. Each test
 * migrates its own schema ({@code db/backfill-migrations}: a table {@code items} of 3,000 rows). That the tasks run,
 * stop and resume is in {@link SlipwayBackfillApplicationTests}.
 */
@PostgresTest
class SlipwayBackfillAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    SlipwayBackfillAutoConfiguration.class,
                    SlipwayBackgroundTasksAutoConfiguration.class))
            .withPropertyValues("slipway.locations=classpath:db/backfill-migrations");

    private static Backfill upperName(String name) {
        return Backfill.named(name)
                .table("items")
                .set("name_upper = upper(name)")
                .where("name_upper IS NULL")
                .build();
    }

    @Test
    void mapsBackfillPropertiesToTheBackfillConfig(TestDatabase db) {
        connectedTo(db, "configured")
                .withPropertyValues(
                        "slipway.backfill.batch-size=200",
                        "slipway.backfill.min-batch-size=20",
                        "slipway.backfill.max-batch-size=2000",
                        "slipway.backfill.target-batch-time=250ms",
                        "slipway.backfill.pause=0",
                        "slipway.backfill.lock-timeout=500ms",
                        "slipway.backfill.statement-timeout=30s",
                        "slipway.backfill.max-attempts=3",
                        "slipway.backfill.retry-initial-backoff=50ms",
                        "slipway.backfill.retry-max-backoff=1s",
                        "slipway.backfill.poll-interval=1s",
                        "slipway.backfill.progress-log-interval=30s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BackfillConfig config = context.getBean(BackfillConfig.class);
                    assertThat(config.batchSize()).isEqualTo(200);
                    assertThat(config.minBatchSize()).isEqualTo(20);
                    assertThat(config.maxBatchSize()).isEqualTo(2000);
                    assertThat(config.targetBatchTime()).isEqualTo(Duration.ofMillis(250));
                    assertThat(config.pause()).isEqualTo(Duration.ZERO);
                    assertThat(config.lockTimeout()).isEqualTo(Duration.ofMillis(500));
                    assertThat(config.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(config.maxAttempts()).isEqualTo(3);
                    assertThat(config.retryInitialBackoff()).isEqualTo(Duration.ofMillis(50));
                    assertThat(config.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(config.progressLogInterval()).isEqualTo(Duration.ofSeconds(30));
                });
    }

    @Test
    void invalidBackfillPropertiesFailStartupNamingTheProperties(TestDatabase db) {
        connectedTo(db, "invalid")
                .withPropertyValues("slipway.backfill.batch-size=5")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("Invalid slipway.backfill.* properties: batchSize 5 is outside"
                                    + " its bounds [10, 50000]")
                            .hasStackTraceContaining("slipway.backfill.batch-size");
                });
    }

    @Test
    void backfillsKeepTheirStateNextToTheHistoryTableAndReportToListenerBeans(TestDatabase db) {
        CopyOnWriteArrayList<BatchReport> batches = new CopyOnWriteArrayList<>();
        BackfillListener listener = new BackfillListener() {
            @Override
            public void batchCompleted(BatchReport report) {
                batches.add(report);
            }
        };
        connectedTo(db, "shared")
                .withBean(BackfillListener.class, () -> listener)
                .withPropertyValues("slipway.backfill.batch-size=1000", "slipway.backfill.pause=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Backfills backfills = context.getBean(Backfills.class);

                    BackfillStatus status = backfills.run(upperName("shared_upper"), StopSignal.create());

                    assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
                    assertThat(status.table()).isEqualTo("shared.items");
                    assertThat(db.queryStrings("SELECT name || ':' || state FROM shared.slipway_backfills"))
                            .containsExactly("shared_upper:COMPLETED");
                    assertThat(db.queryLong("SELECT count(*) FROM shared.items WHERE name_upper = upper(name)"))
                            .isEqualTo(3000);
                    assertThat(batches).isNotEmpty();
                    assertThat(batches.stream()
                                    .mapToLong(BatchReport::rowsUpdated)
                                    .sum())
                            .isEqualTo(3000);
                });
    }

    @Test
    void declaresABackgroundTaskForEveryBackfillBean(TestDatabase db) {
        connectedTo(db, "tasks")
                .withBean("upperNameBackfill", Backfill.class, () -> upperName("items_name_upper"))
                .withBean(
                        "ratioBackfill",
                        Backfill.class,
                        () -> Backfill.named("items_ratio")
                                .table("items")
                                .set("ratio = 100 / divisor")
                                .where("ratio IS NULL")
                                .build())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(BackfillTasks.class).tasks())
                            .extracting(SlipwayBackgroundTask::name)
                            .containsExactly("backfill-items_name_upper", "backfill-items_ratio");
                });
    }

    @Test
    void refusesTwoBackfillBeansWithTheSameName(TestDatabase db) {
        connectedTo(db, "duplicates")
                .withBean("upperName", Backfill.class, () -> upperName("items_name_upper"))
                .withBean("upperNameAgain", Backfill.class, () -> upperName("items_name_upper"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("Backfill beans 'upperName' and"
                                    + " 'upperNameAgain' are both named 'items_name_upper'")
                            .hasStackTraceContaining("rename one of them");
                });
    }

    @Test
    void runsNoBackfillButStillReportsWhenBackfillsAreDisabled(TestDatabase db) {
        connectedTo(db, "disabled")
                .withPropertyValues("slipway.backfill.enabled=false")
                .withBean("upperName", Backfill.class, () -> upperName("items_name_upper"))
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(Backfills.class)
                            .doesNotHaveBean(BackfillTasks.class);
                    assertThat(context.getBean(Backfills.class).status()).isEmpty();
                });
    }

    @Test
    void backsOffWhenSlipwayIsDisabled(TestDatabase db) {
        connectedTo(db, "off")
                .withPropertyValues("slipway.enabled=false")
                .withBean("upperName", Backfill.class, () -> upperName("items_name_upper"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(Backfills.class)
                        .doesNotHaveBean(BackfillTasks.class)
                        .doesNotHaveBean(SlipwayBackgroundTasks.class));
    }

    @Test
    void userDefinedBackfillsWins(TestDatabase db) {
        Backfills own = Backfills.builder(db.dataSource()).build();
        connectedTo(db, "own").withBean(Backfills.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Backfills.class)).isSameAs(own);
        });
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
