package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.AdoptMode;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * {@code slipway.adopt}, {@code slipway.adopt.mode}, {@code slipway.adopt.flyway-table} and
 * {@code slipway.baseline.version} as Spring Boot binds them from properties, YAML and environment variables, checked
 * in the {@link SlipwayConfig} that the auto-configuration builds. {@code slipway.adopt} is both a value (the
 * shorthand {@code slipway.adopt=off}) and a group, which Spring Boot's binder does not do by itself: with a value
 * there it would drop {@code slipway.adopt.flyway-table}. Each test starts on an empty schema of its own, so the
 * settings change nothing there.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayAdoptPropertiesBindingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class));

    private final TestDatabase db;

    SlipwayAdoptPropertiesBindingTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void importsOtherHistoriesFromFlywaysDefaultTableWithoutABaselineByDefault() {
        connectedTo("defaults").run((context) -> {
            SlipwayConfig config = context.getBean(Slipway.class).config();
            assertThat(config.adoptMode()).isEqualTo(AdoptMode.AUTO);
            assertThat(config.flywayTable()).isEqualTo("flyway_schema_history");
            assertThat(config.baselineVersion()).isNull();
        });
    }

    @Test
    void theShorthandBindsAlone() {
        connectedTo("shorthand").withPropertyValues("slipway.adopt=OFF").run((context) -> {
            SlipwayConfig config = context.getBean(Slipway.class).config();
            assertThat(config.adoptMode()).isEqualTo(AdoptMode.OFF);
            assertThat(config.flywayTable()).isEqualTo("flyway_schema_history");
        });
    }

    @Test
    void theShorthandBindsBesideTheFlywayTable() {
        connectedTo("shorthand_table")
                .withPropertyValues("slipway.adopt=off", "slipway.adopt.flyway-table=legacy_history")
                .run((context) -> {
                    SlipwayConfig config = context.getBean(Slipway.class).config();
                    assertThat(config.adoptMode()).isEqualTo(AdoptMode.OFF);
                    assertThat(config.flywayTable()).isEqualTo("legacy_history");
                    assertThat(context.getBean(SlipwayProperties.class)
                                    .getAdopt()
                                    .getFlywayTable())
                            .isEqualTo("legacy_history");
                });
    }

    @Test
    void theShorthandAutoKeepsTheFlywayTableToo() {
        connectedTo("shorthand_auto")
                .withPropertyValues("slipway.adopt=auto", "slipway.adopt.flyway-table=legacy_history")
                .run((context) -> {
                    SlipwayConfig config = context.getBean(Slipway.class).config();
                    assertThat(config.adoptMode()).isEqualTo(AdoptMode.AUTO);
                    assertThat(config.flywayTable()).isEqualTo("legacy_history");
                });
    }

    @Test
    void theGroupBindsItsModeAndFlywayTable() {
        connectedTo("group")
                .withPropertyValues("slipway.adopt.mode=off", "slipway.adopt.flyway-table=legacy_history")
                .run((context) -> {
                    SlipwayConfig config = context.getBean(Slipway.class).config();
                    assertThat(config.adoptMode()).isEqualTo(AdoptMode.OFF);
                    assertThat(config.flywayTable()).isEqualTo("legacy_history");
                });
    }

    @Test
    void theGroupBindsFromYamlWhereAnUnquotedOffIsABoolean() {
        connectedTo("yaml_group")
                .withInitializer((context) ->
                        context.getEnvironment().getPropertySources().addFirst(yaml("""
                        slipway:
                          adopt:
                            mode: off
                            flyway-table: legacy_history
                          baseline:
                            version: 2.1
                        """)))
                .run((context) -> {
                    SlipwayConfig config = context.getBean(Slipway.class).config();
                    assertThat(config.adoptMode()).isEqualTo(AdoptMode.OFF);
                    assertThat(config.flywayTable()).isEqualTo("legacy_history");
                    assertThat(config.baselineVersion()).isEqualTo("2.1");
                });
    }

    @Test
    void theShorthandBindsFromYamlWhereAnUnquotedOffIsABoolean() {
        PropertySource<?> yaml = yaml("slipway:\n  adopt: off\n");
        assertThat(yaml.getProperty("slipway.adopt"))
                .as("what YAML makes of it")
                .isEqualTo(Boolean.FALSE);

        connectedTo("yaml_shorthand")
                .withInitializer((context) ->
                        context.getEnvironment().getPropertySources().addFirst(yaml))
                .run((context) -> assertThat(
                                context.getBean(Slipway.class).config().adoptMode())
                        .isEqualTo(AdoptMode.OFF));
    }

    @Test
    void theShorthandBindsFromEnvironmentVariablesBesideTheFlywayTable() {
        connectedTo("environment")
                .withInitializer((context) -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "SLIPWAY_ADOPT",
                                        "off",
                                        "SLIPWAY_ADOPT_FLYWAYTABLE",
                                        "legacy_history",
                                        "SLIPWAY_BASELINE_VERSION",
                                        "20240101000000"))))
                .run((context) -> {
                    SlipwayConfig config = context.getBean(Slipway.class).config();
                    assertThat(config.adoptMode()).isEqualTo(AdoptMode.OFF);
                    assertThat(config.flywayTable()).isEqualTo("legacy_history");
                    assertThat(config.baselineVersion()).isEqualTo("20240101000000");
                });
    }

    @Test
    void aShorthandAndAModeThatDisagreeEndStartupNamingBoth() {
        connectedTo("disagree")
                .withPropertyValues("slipway.adopt=off", "slipway.adopt.mode=auto")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessage("slipway.adopt=off and "
                                    + "slipway.adopt.mode=auto disagree: slipway.adopt is short for slipway.adopt.mode, so set "
                                    + "only one of them");
                    assertThat(tablesIn("disagree")).as("nothing ran").isEmpty();
                });
    }

    @Test
    void aShorthandAndAModeThatAgreeBind() {
        connectedTo("agree")
                .withPropertyValues("slipway.adopt=off", "slipway.adopt.mode=off")
                .run((context) -> assertThat(
                                context.getBean(Slipway.class).config().adoptMode())
                        .isEqualTo(AdoptMode.OFF));
    }

    @Test
    void anUnknownShorthandEndsStartupNamingTheValues() {
        connectedTo("unknown").withPropertyValues("slipway.adopt=never").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("slipway.adopt must be 'auto' or 'off', not 'never'");
        });
    }

    @Test
    void aBaselineThatIsNotAVersionEndsStartupNamingTheProperty() {
        connectedTo("bad_baseline")
                .withPropertyValues("slipway.baseline.version=latest")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("slipway.baseline.version must be the version of a migration")
                            .hasStackTraceContaining("'latest' is not one");
                });
    }

    @Test
    void aBaselineOnAnEmptySchemaRunsEveryMigration() {
        connectedTo("empty_baseline")
                .withPropertyValues("slipway.baseline.version=20240101000000")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Slipway.class).config().baselineVersion())
                            .isEqualTo("20240101000000");
                    assertThat(this.db.queryString("SELECT text FROM empty_baseline.greetings"))
                            .as("the migration ran: an empty schema needs no baseline")
                            .isEqualTo("hello from a migration");
                });
    }

    private ApplicationContextRunner connectedTo(String schema) {
        String url = this.db.jdbcUrl() + (this.db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return this.runner.withPropertyValues(
                "spring.datasource.url=" + url,
                "spring.datasource.username=" + this.db.username(),
                "spring.datasource.password=" + this.db.password(),
                "slipway.schema=" + schema);
    }

    private java.util.List<String> tablesIn(String schema) {
        return this.db.queryStrings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                + "' ORDER BY table_name");
    }

    private static PropertySource<?> yaml(String yaml) {
        try {
            return new YamlPropertySourceLoader()
                    .load("application.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
                    .get(0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
