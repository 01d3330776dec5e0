package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.migrate.AdoptMode;
import dev.slipway.migrate.ExistingSchemaException;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.MigrationDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.SlipwayDescriptor;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpointAutoConfiguration;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayHealthContributorAutoConfiguration;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayHealthIndicator;
import dev.slipway.migrate.autoconfigure.actuate.SlipwayState;
import dev.slipway.migrate.autoconfigure.metrics.SlipwayMetricsAutoConfiguration;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An application adopting Slipway on a schema built by hand, on a real database: the schema holds what migrations
 * 1 and 2 of {@code db/adopt-migrations} build (and data), but no history. The first start fails with Spring Boot's
 * report naming the tables and {@code slipway.baseline.version}, and leaves the schema as it was; with the baseline
 * set, the application starts, the endpoint, health and gauges show the two migrations as {@code BASELINE}, and
 * migration 3 runs over the hand-built tables. Isolated, because it reads the captured console output.
 */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
@Isolated
class SlipwayAdoptionApplicationTests {

    private static final String LOCATIONS = "classpath:db/adopt-migrations";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    SlipwayAutoConfiguration.class,
                    SlipwayEndpointAutoConfiguration.class,
                    SlipwayHealthContributorAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    SlipwayMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("management.endpoints.web.exposure.include=slipway", "slipway.locations=" + LOCATIONS);

    private final TestDatabase db;

    SlipwayAdoptionApplicationTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aSchemaBuiltByHandEndsStartupNamingItsTablesAndTheBaselineProperty(CapturedOutput output) {
        buildByHand("by_hand");

        assertThatException().isThrownBy(() -> start("by_hand"));

        assertThat(output).contains("""
                ***************************
                APPLICATION FAILED TO START
                ***************************

                Description:

                Schema by_hand already holds 2 objects but no migration history, so Slipway did not run its first \
                migration over it. Nothing ran.

                    table owners
                    table pets

                Action:

                If the schema is what these migrations build, record them as applied without running them: set \
                slipway.baseline.version=3 (the newest migration file). If it holds only the older ones, set \
                slipway.baseline.version to the newest migration it holds instead; the later ones then run.""").contains("point Slipway at another schema (slipway.schema)");
        assertThat(this.db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'by_hand'"
                        + " AND table_name = 'slipway_migrations'"))
                .as("no history written")
                .isZero();
        assertThat(columnsOfPets("by_hand")).as("no migration ran").containsExactly("id", "owner_id", "name");
    }

    @Test
    void withTheBaselineSetTheSchemaIsTakenOverAndOnlyTheLaterMigrationRuns() {
        buildByHand("baselined");

        connectedTo("baselined")
                .withPropertyValues("slipway.baseline.version=2")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    SlipwayDescriptor endpoint =
                            context.getBean(SlipwayEndpoint.class).slipway();
                    Health health =
                            context.getBean(SlipwayHealthIndicator.class).health();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    assertThat(endpoint.state()).isEqualTo(SlipwayState.UP_TO_DATE);
                    assertThat(endpoint.migrations())
                            .extracting(
                                    MigrationDescriptor::version, MigrationDescriptor::name, MigrationDescriptor::state)
                            .containsExactly(
                                    tuple("1", "create_owners", MigrationState.BASELINE),
                                    tuple("2", "create_pets", MigrationState.BASELINE),
                                    tuple("3", "add_pets_birth_date", MigrationState.APPLIED));
                    assertThat(endpoint.migrations().get(0).appliedBy()).startsWith("baseline at version 2 by ");
                    assertThat(endpoint.migrations().get(2).appliedBy()).doesNotContain("baseline");
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry("state", SlipwayState.UP_TO_DATE)
                            .containsEntry("applied", 3L)
                            .containsEntry("baseline", 2L)
                            .containsEntry("pending", 0L);
                    assertThat(registry.get("slipway.migrations")
                                    .tag("state", "BASELINE")
                                    .gauge()
                                    .value())
                            .isEqualTo(2);
                    assertThat(registry.get("slipway.migrations")
                                    .tag("state", "APPLIED")
                                    .gauge()
                                    .value())
                            .isEqualTo(1);
                    assertThat(registry.get("slipway.migrations")
                                    .tag("state", "PENDING")
                                    .gauge()
                                    .value())
                            .isZero();
                });

        assertThat(columnsOfPets("baselined"))
                .as("migration 3 ran over the hand-built table")
                .containsExactly("id", "owner_id", "name", "birth_date");
        assertThat(this.db.queryLong(
                        "SELECT count(*) FROM pg_indexes WHERE schemaname = 'baselined'" + " AND tablename = 'pets'"))
                .as("migration 2 did not run again: its index is the hand-built one")
                .isEqualTo(2);
        assertThat(this.db.queryString("SELECT o.name || ' owns ' || p.name FROM baselined.pets p"
                        + " JOIN baselined.owners o ON o.id = p.owner_id"))
                .isEqualTo("Jean owns Leo");

        connectedTo("baselined")
                .withPropertyValues("slipway.baseline.version=2")
                .run((again) -> {
                    assertThat(again)
                            .as("the baseline may stay set: the history exists now")
                            .hasNotFailed();
                    assertThat(again.getBean(SlipwayEndpoint.class).slipway().migrations())
                            .extracting(MigrationDescriptor::state)
                            .containsExactly(MigrationState.BASELINE, MigrationState.BASELINE, MigrationState.APPLIED);
                });
        assertThat(this.db.queryLong("SELECT count(*) FROM baselined.slipway_migrations"))
                .isEqualTo(3);
    }

    @Test
    void adoptOffBindsAndAHandBuiltSchemaStillNeedsItsBaseline() {
        buildByHand("adopt_off");

        connectedTo("adopt_off").withPropertyValues("slipway.adopt=off").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ExistingSchemaException.class);
        });
        connectedTo("adopt_off")
                .withPropertyValues("slipway.adopt=off", "slipway.baseline.version=2")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Slipway.class).config().adoptMode())
                            .isEqualTo(AdoptMode.OFF);
                    assertThat(context.getBean(SlipwayHealthIndicator.class)
                                    .health()
                                    .getDetails())
                            .containsEntry("applied", 3L)
                            .containsEntry("baseline", 2L);
                });
    }

    /** What migrations 1 and 2 build, written by hand with an unnamed index, and a row in each table. */
    private void buildByHand(String schema) {
        this.db.execute("CREATE SCHEMA " + schema);
        this.db.execute("CREATE TABLE " + schema + ".owners (id bigint PRIMARY KEY, name text NOT NULL)");
        this.db.execute("CREATE TABLE " + schema + ".pets (id bigint PRIMARY KEY, owner_id bigint NOT NULL"
                + " REFERENCES " + schema + ".owners (id), name text NOT NULL)");
        this.db.execute("CREATE INDEX ON " + schema + ".pets (owner_id)");
        this.db.execute("INSERT INTO " + schema + ".owners VALUES (1, 'Jean')");
        this.db.execute("INSERT INTO " + schema + ".pets VALUES (1, 1, 'Leo')");
    }

    private List<String> columnsOfPets(String schema) {
        return this.db.queryStrings("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'pets' ORDER BY ordinal_position");
    }

    private ApplicationContextRunner connectedTo(String schema) {
        String url = this.db.jdbcUrl() + (this.db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return this.runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + this.db.username(),
                "spring.datasource.password=" + this.db.password(),
                "slipway.schema=" + schema);
    }

    private ConfigurableApplicationContext start(String schema) {
        SpringApplication application = new SpringApplication(MigratingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(
                "--spring.datasource.url=" + this.db.jdbcUrl(),
                "--spring.datasource.username=" + this.db.username(),
                "--spring.datasource.password=" + this.db.password(),
                "--slipway.schema=" + schema,
                "--slipway.locations=" + LOCATIONS);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class})
    static class MigratingApplication {}
}
