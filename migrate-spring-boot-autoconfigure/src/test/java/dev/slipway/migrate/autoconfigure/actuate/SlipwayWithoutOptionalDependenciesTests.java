package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.autoconfigure.metrics.SlipwayMetricsAutoConfiguration;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator, Spring Boot's health support and Micrometer are optional: without them on the class path, an
 * application still starts and migrates, and Slipway's endpoint, health contributor and meters are simply absent.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayWithoutOptionalDependenciesTests {

    private final TestDatabase db;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SlipwayAutoConfigurations.class)
            .withPropertyValues("management.endpoints.web.exposure.include=*");

    SlipwayWithoutOptionalDependenciesTests(TestDatabase db) {
        this.db = db;
    }

    @Test
    void startsAndMigratesWithoutActuator() {
        connectedTo("no_actuator")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(Slipway.class)
                            .doesNotHaveBean(SlipwayEndpoint.class);
                    assertThat(appliedVersions("no_actuator")).isEqualTo(2);
                });
    }

    @Test
    void startsAndMigratesWithoutSpringBootHealth() {
        connectedTo("no_health")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(Slipway.class)
                            .doesNotHaveBean(SlipwayHealthIndicator.class);
                    assertThat(appliedVersions("no_health")).isEqualTo(2);
                });
    }

    @Test
    void startsAndMigratesWithoutMicrometer() {
        connectedTo("no_micrometer")
                .withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(Slipway.class)
                            .doesNotHaveBean("slipwayMetricsListener");
                    assertThat(appliedVersions("no_micrometer")).isEqualTo(2);
                });
    }

    /**
     * Imports the auto-configurations as an application does, reading their classes' annotations without loading
     * them, so that annotations whose types are missing from the class path are skipped as they are at run time.
     */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({
        DataSourceAutoConfiguration.class,
        SlipwayAutoConfiguration.class,
        SlipwayEndpointAutoConfiguration.class,
        SlipwayHealthContributorAutoConfiguration.class,
        SlipwayMetricsAutoConfiguration.class
    })
    static class SlipwayAutoConfigurations {}

    private long appliedVersions(String schema) {
        return db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE finished_at IS NOT NULL");
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
}
