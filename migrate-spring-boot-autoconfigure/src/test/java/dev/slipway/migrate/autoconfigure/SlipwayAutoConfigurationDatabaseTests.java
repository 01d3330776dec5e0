package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link SlipwayAutoConfiguration} in a context connected to a real database. Each test works in its own
 * schema of the class's fresh database: the application's connections use it ({@code currentSchema}) and
 * Slipway migrates it ({@code slipway.schema}), as in an application.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayAutoConfigurationDatabaseTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class,
                    SlipwayAutoConfiguration.class));

    @Test
    void beanReadingMigratedTableInItsConstructorSeesIt(TestDatabase db) {
        connectedTo(db, "reader")
                .withUserConfiguration(GreetingReaderConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(GreetingReader.class).greeting()).isEqualTo("hello from a migration");
                });
    }

    @Test
    void mapsPropertiesToCoreConfigAndMigratesWithIt(TestDatabase db) {
        connectedTo(db, "configured")
                .withPropertyValues(
                        "spring.application.name=orders-service",
                        "slipway.locations=classpath:db/other-migrations",
                        "slipway.table=configured_history",
                        "slipway.lock.wait-timeout=2m",
                        "slipway.lock.poll-interval=250ms",
                        "slipway.ddl.lock-timeout=250ms",
                        "slipway.ddl.statement-timeout=30s",
                        "slipway.ddl.retry-budget=5m",
                        "slipway.ddl.retry-initial-backoff=50ms",
                        "slipway.ddl.retry-max-backoff=2s",
                        "slipway.validate.ignore-missing=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SlipwayConfig config = context.getBean(Slipway.class).config();
                    assertThat(config.locations()).containsExactly("classpath:db/other-migrations");
                    assertThat(config.schema()).isEqualTo("configured");
                    assertThat(config.table()).isEqualTo("configured_history");
                    assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(config.ddlLockTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(config.ddlStatementTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(config.lockPollInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(config.ddlRetryBudget()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(config.ddlRetryInitialBackoff()).isEqualTo(Duration.ofMillis(50));
                    assertThat(config.ddlRetryMaxBackoff()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.createSchema()).isTrue();
                    assertThat(config.ignoreMissing()).isTrue();
                    assertThat(config.applicationName()).isEqualTo("orders-service");

                    assertThat(db.queryStrings("SELECT version || '_' || name FROM configured.configured_history"))
                            .containsExactly("20240201000000_create_notes");
                    assertThat(tablesIn(db, "configured"))
                            .containsExactly("configured_history", "notes", "slipway_instances", "slipway_locks");
                });
    }

    @Test
    void refusesToCreateAMissingSchemaWhenCreateSchemaIsOff(TestDatabase db) {
        connectedTo(db, "not_created")
                .withPropertyValues("slipway.create-schema=false")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("Schema not_created does not exist");
                    assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'not_created'"))
                            .isZero();
                });
    }

    @Test
    void customizersRunInTheirOrderAfterTheProperties(TestDatabase db) {
        connectedTo(db, "customized")
                .withPropertyValues("slipway.table=from_properties", "slipway.ddl.lock-timeout=3s")
                .withUserConfiguration(CustomizerConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SlipwayConfig config = context.getBean(Slipway.class).config();
                    assertThat(config.table()).isEqualTo("second_history");
                    assertThat(config.lockPollInterval()).isEqualTo(Duration.ofMillis(50));
                    assertThat(config.ddlLockTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(tablesIn(db, "customized"))
                            .containsExactly("greetings", "second_history", "slipway_instances", "slipway_locks");
                });
    }

    @Test
    void listenerBeansHearOfAppliedMigrations(TestDatabase db) {
        List<String> applied = new CopyOnWriteArrayList<>();
        SlipwayListener listener = new SlipwayListener() {
            @Override
            public void migrationApplied(MigrationInfo migration, Duration duration) {
                applied.add(migration.id());
            }
        };
        connectedTo(db, "listened")
                .withBean(SlipwayListener.class, () -> listener)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(applied).containsExactly("20240101000000_create_greetings");
                });
    }

    @Test
    void userDefinedSlipwayWins(TestDatabase db) {
        Slipway own = Slipway.builder(db.dataSource())
                .config(SlipwayConfig.builder()
                        .schema("own")
                        .table("own_history")
                        .build())
                .build();
        connectedTo(db, "unused").withBean(Slipway.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Slipway.class)).isSameAs(own);
            assertThat(db.queryStrings("SELECT version FROM own.own_history")).containsExactly("20240101000000");
            assertThat(tablesIn(db, "unused")).isEmpty();
        });
    }

    @Test
    void failedMigrationFailsStartup(TestDatabase db) {
        connectedTo(db, "broken")
                .withPropertyValues("slipway.locations=classpath:db/broken-migrations")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasCauseInstanceOf(SlipwayException.class)
                            .hasStackTraceContaining("20240301000000_broken");
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

    private static List<String> tablesIn(TestDatabase db, String schema) {
        return db.queryStrings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                + "' ORDER BY table_name");
    }

    @Configuration(proxyBeanMethods = false)
    static class GreetingReaderConfiguration {

        @Bean
        GreetingReader greetingReader(JdbcTemplate jdbc) {
            return new GreetingReader(jdbc);
        }
    }

    /** Declared in reverse order, so that only their {@code @Order} puts "second" last. */
    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        @Bean
        @Order(2)
        SlipwayConfigurationCustomizer second() {
            return builder -> builder.table("second_history");
        }

        @Bean
        @Order(1)
        SlipwayConfigurationCustomizer first() {
            return builder -> builder.table("first_history").lockPollInterval(Duration.ofMillis(50));
        }
    }

    /** Reads a migrated table while it is being created, as a cache warmed in a constructor would. */
    static class GreetingReader {

        private final String greeting;

        GreetingReader(JdbcTemplate jdbc) {
            this.greeting = jdbc.queryForObject("SELECT text FROM greetings WHERE id = 1", String.class);
        }

        String greeting() {
            return this.greeting;
        }
    }
}
