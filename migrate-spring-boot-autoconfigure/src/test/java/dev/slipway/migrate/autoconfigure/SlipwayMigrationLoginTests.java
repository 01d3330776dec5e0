package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Migrations run with a privileged login while the application's pool keeps its own role. Two roles of their own
 * (roles belong to the whole server, so their names are unique to the run, and they are dropped afterwards): the
 * application's, which may read but not create in the schema, and the migrations', which owns it. Isolated,
 * because it reads the captured console output.
 */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
@Isolated
class SlipwayMigrationLoginTests {

    private static final String SUFFIX =
            UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private static final String APP = "slipway_app_" + SUFFIX;

    private static final String MIGRATOR = "slipway_migrator_" + SUFFIX;

    private static final String APP_PASSWORD = "app-" + SUFFIX;

    private static final String MIGRATOR_PASSWORD = "migrator-secret-" + SUFFIX;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class,
                    SlipwayAutoConfiguration.class))
            .withPropertyValues(
                    "slipway.locations=classpath:db/login-migrations", "spring.datasource.hikari.maximum-pool-size=2");

    @BeforeAll
    static void createRoles(TestDatabase db) {
        db.execute("CREATE ROLE " + APP + " LOGIN PASSWORD '" + APP_PASSWORD + "'; " + "CREATE ROLE " + MIGRATOR
                + " LOGIN PASSWORD '" + MIGRATOR_PASSWORD + "'");
    }

    @AfterAll
    static void dropRoles(TestDatabase db) {
        db.execute("DROP OWNED BY " + APP + ", " + MIGRATOR + "; DROP ROLE " + APP + "; DROP ROLE " + MIGRATOR);
    }

    @Test
    void migratesAsTheLoginOfSlipwayDatasourceUrlWhileTheApplicationKeepsItsRole(TestDatabase db) {
        String schema = schemaOwnedByMigrator(db, "by_url");
        asApplication(db, schema)
                .withPropertyValues(
                        "slipway.datasource.url=" + url(db, schema),
                        "slipway.datasource.username=" + MIGRATOR,
                        "slipway.datasource.password=" + MIGRATOR_PASSWORD)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate application = context.getBean(JdbcTemplate.class);
                    assertThat(application.queryForObject("SELECT current_user", String.class))
                            .isEqualTo(APP);
                    assertThat(application.queryForObject("SELECT name FROM accounts WHERE id = 1", String.class))
                            .isEqualTo("first account");
                    assertThatThrownBy(() -> application.execute("CREATE TABLE app_may_not (id int)"))
                            .hasStackTraceContaining("permission denied for schema " + schema);
                    assertThat(owners(db, schema))
                            .containsExactly(
                                    "accounts " + MIGRATOR,
                                    "slipway_instances " + MIGRATOR,
                                    "slipway_locks " + MIGRATOR,
                                    "slipway_migrations " + MIGRATOR);
                });
    }

    @Test
    void migratesAsTheLoginOfSlipwayDatasourceUsernameAtTheApplicationsUrl(TestDatabase db) {
        String schema = schemaOwnedByMigrator(db, "by_username");
        asApplication(db, schema)
                .withPropertyValues(
                        "slipway.datasource.username=" + MIGRATOR, "slipway.datasource.password=" + MIGRATOR_PASSWORD)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
                            .isEqualTo(APP);
                    assertThat(owners(db, schema))
                            .containsExactly(
                                    "accounts " + MIGRATOR,
                                    "slipway_instances " + MIGRATOR,
                                    "slipway_locks " + MIGRATOR,
                                    "slipway_migrations " + MIGRATOR);
                });
    }

    @Test
    void migratesThroughTheSlipwayDataSourceBean(TestDatabase db) {
        String schema = schemaOwnedByMigrator(db, "by_bean");
        MigrationDataSourceConfiguration.url = url(db, schema);
        asApplication(db, schema)
                .withUserConfiguration(MigrationDataSourceConfiguration.class)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
                            .isEqualTo(APP);
                    assertThat(owners(db, schema))
                            .containsExactly(
                                    "accounts " + MIGRATOR,
                                    "slipway_instances " + MIGRATOR,
                                    "slipway_locks " + MIGRATOR,
                                    "slipway_migrations " + MIGRATOR);
                });
    }

    @Test
    void appliesWithASlipwayDataSourceBeanBesideAnotherDataSourceAndNoPrimary(TestDatabase db) {
        String schema = schemaOwnedByMigrator(db, "no_primary");
        MigrationDataSourceConfiguration.url = url(db, schema);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SlipwayAutoConfiguration.class))
                .withBean("unused", DataSource.class, SimpleDriverDataSource::new)
                .withUserConfiguration(MigrationOnlyConfiguration.class)
                .withPropertyValues("slipway.locations=classpath:db/login-migrations", "slipway.schema=" + schema)
                .run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Slipway.class);
                    assertThat(owners(db, schema))
                            .containsExactly(
                                    "accounts " + MIGRATOR,
                                    "slipway_instances " + MIGRATOR,
                                    "slipway_locks " + MIGRATOR,
                                    "slipway_migrations " + MIGRATOR);
                });
    }

    @Test
    void migratesWithSlipwayDatasourceUrlAndNoApplicationDataSource(TestDatabase db) {
        String schema = schemaOwnedByMigrator(db, "no_app");
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SlipwayAutoConfiguration.class))
                .withPropertyValues(
                        "slipway.locations=classpath:db/login-migrations",
                        "slipway.schema=" + schema,
                        "slipway.datasource.url=" + url(db, schema),
                        "slipway.datasource.username=" + MIGRATOR,
                        "slipway.datasource.password=" + MIGRATOR_PASSWORD)
                .run((context) -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(Slipway.class)
                            .doesNotHaveBean(DataSource.class);
                    assertThat(owners(db, schema))
                            .containsExactly(
                                    "accounts " + MIGRATOR,
                                    "slipway_instances " + MIGRATOR,
                                    "slipway_locks " + MIGRATOR,
                                    "slipway_migrations " + MIGRATOR);
                });
    }

    @Test
    void neverShowsTheMigrationPasswordInTheLogOrTheFailure(TestDatabase db, CapturedOutput output) {
        String schema = schemaOwnedByMigrator(db, "secret");
        asApplication(db, schema)
                .withPropertyValues(
                        "slipway.locations=classpath:db/broken-migrations",
                        "slipway.datasource.url=" + url(db, schema) + "&password=" + MIGRATOR_PASSWORD,
                        "slipway.datasource.username=" + MIGRATOR)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("20240301000000_broken")
                            .satisfies((failure) ->
                                    assertThat(stackTraceOf(failure)).doesNotContain(MIGRATOR_PASSWORD));
                });
        assertThat(output).contains("Slipway migrates as '" + MIGRATOR + "'").doesNotContain(MIGRATOR_PASSWORD);
    }

    private ApplicationContextRunner asApplication(TestDatabase db, String schema) {
        return runner.withPropertyValues(
                "spring.datasource.url=" + url(db, schema),
                "spring.datasource.username=" + APP,
                "spring.datasource.password=" + APP_PASSWORD,
                "slipway.schema=" + schema);
    }

    /** A schema the migration role owns; the application's role may use it, but not create in it. */
    private static String schemaOwnedByMigrator(TestDatabase db, String name) {
        db.execute("CREATE SCHEMA " + name + " AUTHORIZATION " + MIGRATOR + "; GRANT USAGE ON SCHEMA " + name + " TO "
                + APP);
        return name;
    }

    /** The database's URL without a login of its own (which would win over the test's roles), in a schema. */
    private static String url(TestDatabase db, String schema) {
        String url =
                db.jdbcUrl().replaceAll("(?<=[?&])(user|password)=[^&]*&?", "").replaceAll("[?&]$", "");
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static java.util.List<String> owners(TestDatabase db, String schema) {
        return db.queryStrings("SELECT tablename || ' ' || tableowner FROM pg_tables WHERE schemaname = '" + schema
                + "' ORDER BY tablename");
    }

    private static String stackTraceOf(Throwable failure) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        return trace.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class MigrationDataSourceConfiguration {

        static volatile String url;

        @Bean
        @Primary
        DataSource applicationDataSource(org.springframework.boot.jdbc.autoconfigure.DataSourceProperties properties) {
            return properties.initializeDataSourceBuilder().build();
        }

        @Bean
        @SlipwayDataSource
        DataSource migrationDataSource() {
            return migratorDataSource(url);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MigrationOnlyConfiguration {

        @Bean
        @SlipwayDataSource
        DataSource migrationDataSource() {
            return migratorDataSource(MigrationDataSourceConfiguration.url);
        }
    }

    private static DataSource migratorDataSource(String url) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
        dataSource.setDriverClass(org.postgresql.Driver.class);
        dataSource.setUrl(url);
        dataSource.setUsername(MIGRATOR);
        dataSource.setPassword(MIGRATOR_PASSWORD);
        return dataSource;
    }
}
