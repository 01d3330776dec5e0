package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.MigrationDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.SlipwayDescriptor;
import dev.slipway.migrate.autoconfigure.metrics.SlipwayMetricsAutoConfiguration;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An older release of an application started on a schema that a newer release migrated further, as during a rolling
 * release or after the code was rolled back: the newer release ships {@code db/migrations} and
 * {@code db/other-migrations}, the older one only {@code db/migrations}. Its health, endpoint and gauges, on a real
 * database.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayFutureMigrationsDatabaseTests {

    private static final String OLDER = "classpath:db/migrations";

    private static final String NEWER = "classpath:db/migrations,classpath:db/other-migrations";

    private final TestDatabase db;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    SlipwayEndpointAutoConfiguration.class,
                    SlipwayHealthContributorAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    SlipwayMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("management.endpoints.web.exposure.include=slipway");

    SlipwayFutureMigrationsDatabaseTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void anOlderReleaseStartsAndIsUpWithTheNewerReleasesMigrationsListedAsFuture() {
        connectedTo("future_up", NEWER).run((newer) -> assertThat(newer).hasNotFailed());

        connectedTo("future_up", OLDER).run((older) -> {
            assertThat(older).hasNotFailed();
            Health health = older.getBean(SlipwayHealthIndicator.class).health();
            SlipwayDescriptor endpoint = older.getBean(SlipwayEndpoint.class).slipway();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("state", SlipwayState.UP_TO_DATE)
                    .containsEntry("applied", 1L)
                    .containsEntry("pending", 0L)
                    .containsEntry("future", 1L)
                    .containsEntry("newestApplied", "20240201000000")
                    .doesNotContainKey("problems");
            assertThat(endpoint.state()).isEqualTo(SlipwayState.UP_TO_DATE);
            assertThat(endpoint.problems()).isEmpty();
            assertThat(endpoint.migrations())
                    .extracting(MigrationDescriptor::version, MigrationDescriptor::name, MigrationDescriptor::state)
                    .containsExactly(
                            tuple("20240101000000", "create_greetings", MigrationState.APPLIED),
                            tuple("20240201000000", "create_notes", MigrationState.FUTURE));
            assertThat(endpoint.migrations().get(1).appliedBy()).isNotBlank();
            MeterRegistry registry = older.getBean(MeterRegistry.class);
            assertThat(registry.get("slipway.migrations")
                            .tag("state", "FUTURE")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(registry.get("slipway.migrations")
                            .tag("state", "MISSING")
                            .gauge()
                            .value())
                    .isZero();
        });
    }

    @Test
    void theNewerReleaseItselfReportsNoFutureMigrations() {
        connectedTo("future_none", NEWER).run((newer) -> {
            Health health = newer.getBean(SlipwayHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("applied", 2L)
                    .containsEntry("future", 0L)
                    .doesNotContainKey("newestApplied");
        });
    }

    @Test
    void aMissingMigrationBelowTheNewestFileIsStillDownAndOnlyItIsAProblem() {
        connectedTo("future_missing", NEWER).run((newer) -> assertThat(newer).hasNotFailed());

        connectedTo("future_missing", OLDER).run((older) -> {
            this.db.execute("INSERT INTO future_missing.slipway_migrations (id, version, name, checksum, phase,"
                    + " started_at, finished_at, applied_steps, execution_ms, applied_by)"
                    + " SELECT gen_random_uuid(), '20231201000000', 'gone', checksum, phase, started_at, finished_at,"
                    + " applied_steps, execution_ms, applied_by FROM future_missing.slipway_migrations"
                    + " WHERE version = '20240101000000'");

            Health health = older.getBean(SlipwayHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry("state", SlipwayState.INVALID)
                    .containsEntry("future", 1L);
            assertThat(health.getDetails().get("problems"))
                    .asList()
                    .singleElement()
                    .asString()
                    .contains("Migration 20231201000000_gone was applied but its file is gone.")
                    .contains("the newest migration file is 20240101000000")
                    .contains("slipway.validate.ignore-missing")
                    .doesNotContain("20240201000000");
        });
    }

    @Test
    void aContractMigrationOfANewerReleaseMakesTheOlderOneDown() {
        connectedTo("future_contract", NEWER).run((newer) -> assertThat(newer).hasNotFailed());

        connectedTo("future_contract", OLDER).run((older) -> {
            this.db.execute("INSERT INTO future_contract.slipway_migrations (id, version, name, checksum, phase,"
                    + " started_at, finished_at, applied_steps, execution_ms, applied_by)"
                    + " SELECT gen_random_uuid(), '20240301000000', 'drop_greetings_text', checksum, 'contract',"
                    + " started_at, finished_at, applied_steps, execution_ms, applied_by"
                    + " FROM future_contract.slipway_migrations WHERE version = '20240201000000'");

            Health health = older.getBean(SlipwayHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry("state", SlipwayState.INVALID)
                    .containsEntry("future", 2L)
                    .containsEntry("newestApplied", "20240301000000");
            assertThat(health.getDetails().get("problems"))
                    .asList()
                    .singleElement()
                    .asString()
                    .contains(
                            "Migration 20240301000000_drop_greetings_text is a contract migration that a newer version"
                                    + " of the application applied")
                    .doesNotContain("ignore-missing");
        });
    }

    private ApplicationContextRunner connectedTo(String schema, String locations) {
        String url = this.db.jdbcUrl() + (this.db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return this.runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + this.db.username(),
                "spring.datasource.password=" + this.db.password(),
                "slipway.schema=" + schema,
                "slipway.locations=" + locations);
    }
}
