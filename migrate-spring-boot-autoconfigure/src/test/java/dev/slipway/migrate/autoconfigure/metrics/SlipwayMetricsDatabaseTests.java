package dev.slipway.migrate.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The meters recorded while an application migrates a real database, read from a {@link SimpleMeterRegistry}
 * whose clock the test moves. Each test migrates its own schema.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayMetricsDatabaseTests {

    private final TestDatabase db;

    private final MockClock clock = new MockClock();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    SlipwayMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, () -> registry);

    SlipwayMetricsDatabaseTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void recordsTheDurationOfEveryAppliedMigration() {
        connectedTo("durations").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(registry.get("slipway.migration.duration")
                            .tags("version", "1", "name", "base")
                            .tag("outcome", "APPLIED")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("slipway.migration.duration")
                            .tags("version", "2", "name", "steps")
                            .tag("outcome", "APPLIED")
                            .timer()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void recordsTheWaitForTheMigrationLock() {
        connectedTo("lock_wait").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(registry.get("slipway.lock.wait").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void recordsAFailedMigrationWithItsOutcome() {
        connectedTo("failing")
                .withPropertyValues("slipway.locations=classpath:db/broken-migrations")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(registry.get("slipway.migration.duration")
                                    .tags("version", "20240301000000", "name", "broken")
                                    .tag("outcome", "FAILED")
                                    .timer()
                                    .count())
                            .isEqualTo(1);
                });
    }

    @Test
    void gaugeCountsMigrationsByStateAndRereadsTheStatusOnlyAfterItsTimeToLive() {
        connectedTo("gauges").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(migrations("APPLIED")).isEqualTo(2);
            assertThat(migrations("FAILED")).isZero();
            assertThat(migrations("PENDING")).isZero();

            db.execute("DROP TABLE gauges.c");
            db.execute(
                    "UPDATE gauges.slipway_migrations SET finished_at = NULL, applied_steps = 1 WHERE version = '2'");
            assertThat(migrations("APPLIED")).as("cached").isEqualTo(2);

            clock.add(SlipwayMigrationsMeterBinder.DEFAULT_TIME_TO_LIVE);
            assertThat(migrations("APPLIED")).isEqualTo(1);
            assertThat(migrations("FAILED")).isEqualTo(1);
        });
    }

    @Test
    void countsDdlStatementsRetriedAfterHittingLockTimeout() throws Exception {
        db.execute("CREATE SCHEMA retried; CREATE TABLE retried.locked (id int)");
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE retried.locked IN ACCESS EXCLUSIVE MODE");
            }
            // Another session holds the table, as a long query would; it lets go once the migration has hit its
            // lock timeout twice, so the migration must have waited it out, however slowly the context starts.
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                awaitRetries(2, Duration.ofSeconds(30));
                rollback(holder);
            });
            // The table was built by hand, so the schema needs a baseline; at 0 it records nothing and 1 runs.
            connectedTo("retried")
                    .withPropertyValues(
                            "slipway.locations=classpath:db/locked-migrations",
                            "slipway.baseline.version=0",
                            "slipway.ddl.lock-timeout=100ms",
                            "slipway.ddl.retry-budget=60s")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(registry.get("slipway.ddl.lock.retries")
                                        .tags("version", "1", "name", "annotate_locked")
                                        .counter()
                                        .count())
                                .isGreaterThanOrEqualTo(2);
                        // two lock timeouts of 100 ms passed inside the migration
                        assertThat(registry.get("slipway.migration.duration")
                                        .tag("outcome", "APPLIED")
                                        .timer()
                                        .totalTime(TimeUnit.MILLISECONDS))
                                .isGreaterThanOrEqualTo(200);
                    });
            release.get(40, TimeUnit.SECONDS);
        }
    }

    private void awaitRetries(int retries, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            io.micrometer.core.instrument.Counter counter =
                    registry.find("slipway.ddl.lock.retries").counter();
            if (counter != null && counter.count() >= retries) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private double migrations(String state) {
        return registry.get("slipway.migrations").tag("state", state).gauge().value();
    }

    private ApplicationContextRunner connectedTo(String schema) {
        String url = db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + db.password(),
                "slipway.schema=" + schema,
                "slipway.locations=classpath:db/resolvable-migrations");
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
