package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.MigrationDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.SlipwayDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpointWebExtension.RefusalDescriptor;
import dev.slipway.migrate.autoconfigure.metrics.SlipwayMetricsAutoConfiguration;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Repeatable migrations ({@code R__<description>.sql}) as the {@code slipway} endpoint, its health contributor and
 * the meters show them, on a real database: applied at startup after the versioned ones, then pending again (both
 * checksums shown) once a file changes while the application runs, and missing without a problem once removed.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayRepeatableMigrationsDatabaseTests {

    private static final String VIEW = "CREATE OR REPLACE VIEW user_names AS SELECT id, name FROM users;\n";

    private final TestDatabase db;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    SlipwayEndpointAutoConfiguration.class,
                    SlipwayHealthContributorAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    SlipwayMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, () -> this.registry)
            .withPropertyValues(
                    "management.endpoints.web.exposure.include=slipway",
                    "slipway.actuator.write-operations.enabled=true");

    SlipwayRepeatableMigrationsDatabaseTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void endpointAndHealthShowRepeatablesAppliedThenPendingAgainWhenChanged(@TempDir Path dir) throws IOException {
        write(dir, "V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        write(
                dir,
                "R__a_functions.sql",
                "CREATE OR REPLACE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n");
        write(dir, "R__b_views.sql", VIEW);
        connectedTo("repeatables_changed", dir).run((context) -> {
            assertThat(context).hasNotFailed();
            SlipwayEndpoint endpoint = context.getBean(SlipwayEndpoint.class);
            SlipwayDescriptor applied = endpoint.slipway();

            assertThat(applied.state()).isEqualTo(SlipwayState.UP_TO_DATE);
            assertThat(applied.migrations())
                    .extracting(
                            MigrationDescriptor::version,
                            MigrationDescriptor::name,
                            MigrationDescriptor::repeatable,
                            MigrationDescriptor::state)
                    .containsExactly(
                            tuple("1", "create_users", false, MigrationState.APPLIED),
                            tuple(null, "a_functions", true, MigrationState.APPLIED),
                            tuple(null, "b_views", true, MigrationState.APPLIED));
            assertThat(applied.migrations()).allSatisfy((m) -> {
                assertThat(m.checksum()).matches("[0-9a-f]{64}").isEqualTo(m.appliedChecksum());
                assertThat(m.finishedAt()).isNotNull();
            });
            assertThat(this.registry
                            .get("slipway.migration.duration")
                            .tags("version", "R", "name", "b_views")
                            .tag("outcome", "APPLIED")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(health(context)).isEqualTo(Status.UP);

            String before = applied.migrations().get(2).checksum();
            write(dir, "R__b_views.sql", VIEW.replace("id, name", "id, name, upper(name) AS shout"));
            SlipwayDescriptor changed = endpoint.slipway();

            assertThat(changed.state()).isEqualTo(SlipwayState.PENDING);
            assertThat(changed.problems()).isEmpty();
            assertThat(changed.migrations().get(2)).satisfies((m) -> {
                assertThat(m.state()).isEqualTo(MigrationState.PENDING);
                assertThat(m.appliedChecksum()).isEqualTo(before);
                assertThat(m.checksum()).matches("[0-9a-f]{64}").isNotEqualTo(before);
            });
            Health health = context.getBean(SlipwayHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .contains(
                            Map.entry("state", SlipwayState.PENDING),
                            Map.entry("pending", 1L),
                            Map.entry("applied", 2L));

            WebEndpointResponse<OperationResponseBody> resolve =
                    context.getBean(SlipwayEndpointWebExtension.class).resolve("R__b_views", "applied", null);
            assertThat(resolve.getStatus()).isEqualTo(409);
            assertThat(((RefusalDescriptor) resolve.getBody()).message())
                    .contains("R__b_views is a repeatable migration, which cannot be resolved");
        });
    }

    @Test
    void aRemovedRepeatableIsMissingButLeavesHealthUp(@TempDir Path dir) throws IOException {
        write(dir, "V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n");
        write(dir, "R__b_views.sql", VIEW);
        connectedTo("repeatables_removed", dir)
                .run((context) -> assertThat(context).hasNotFailed());
        Files.delete(dir.resolve("R__b_views.sql"));

        connectedTo("repeatables_removed", dir).run((context) -> {
            assertThat(context).hasNotFailed();
            SlipwayDescriptor descriptor =
                    context.getBean(SlipwayEndpoint.class).slipway();

            assertThat(descriptor.state()).isEqualTo(SlipwayState.UP_TO_DATE);
            assertThat(descriptor.problems()).isEmpty();
            assertThat(descriptor.migrations())
                    .extracting(MigrationDescriptor::name, MigrationDescriptor::state)
                    .containsExactly(
                            tuple("create_users", MigrationState.APPLIED), tuple("b_views", MigrationState.MISSING));
            assertThat(health(context)).isEqualTo(Status.UP);
        });
    }

    private static Status health(org.springframework.context.ApplicationContext context) {
        return context.getBean(SlipwayHealthIndicator.class).health().getStatus();
    }

    private static void write(Path dir, String file, String sql) throws IOException {
        Files.writeString(dir.resolve(file), sql);
    }

    private ApplicationContextRunner connectedTo(String schema, Path dir) {
        String url = this.db.jdbcUrl() + (this.db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return this.runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + this.db.username(),
                "spring.datasource.password=" + this.db.password(),
                "slipway.schema=" + schema,
                "slipway.locations=filesystem:" + dir.toAbsolutePath());
    }
}
