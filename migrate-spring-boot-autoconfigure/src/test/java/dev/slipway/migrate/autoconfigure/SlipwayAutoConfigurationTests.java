package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Conditions and property binding of {@link SlipwayAutoConfiguration}, without a database: the data source
 * here is never connected to. What happens with a database is in
 * {@link SlipwayAutoConfigurationDatabaseTests}.
 */
class SlipwayAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SlipwayAutoConfiguration.class));

    @Test
    void backsOffWithoutDataSource() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(Slipway.class)
                .doesNotHaveBean(SlipwayMigrationInitializer.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withBean(DataSource.class, SimpleDriverDataSource::new)
                .withPropertyValues("slipway.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(Slipway.class)
                        .doesNotHaveBean(SlipwayMigrationInitializer.class));
    }

    @Test
    void backsOffWithoutSlipwayOnTheClassPath() {
        runner.withBean(DataSource.class, SimpleDriverDataSource::new)
                .withClassLoader(new FilteredClassLoader(Slipway.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(Slipway.class)
                        .doesNotHaveBean(SlipwayMigrationInitializer.class));
    }

    @Test
    void backsOffWithTwoDataSourcesAndNoPrimary() {
        runner.withBean("first", DataSource.class, SimpleDriverDataSource::new)
                .withBean("second", DataSource.class, SimpleDriverDataSource::new)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Slipway.class));
    }

    @Test
    void mapsPropertiesToCoreConfig() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class)
                .withPropertyValues(
                        "slipway.locations=classpath:db/expand,filesystem:/opt/app/migrations",
                        "slipway.schema=orders",
                        "slipway.table=orders_history",
                        "slipway.lock.wait-timeout=2m",
                        "slipway.ddl.lock-timeout=250ms",
                        "slipway.ddl.statement-timeout=30s",
                        "slipway.ddl.retry-budget=5m",
                        "slipway.validate.ignore-missing=true")
                .run(context -> {
                    SlipwayConfig config = SlipwayAutoConfiguration.toConfig(
                            context.getBean(SlipwayProperties.class), "orders-service");

                    assertThat(config.locations())
                            .containsExactly("classpath:db/expand", "filesystem:/opt/app/migrations");
                    assertThat(config.schema()).isEqualTo("orders");
                    assertThat(config.table()).isEqualTo("orders_history");
                    assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(config.ddlLockTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(config.ddlStatementTimeout()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(config.ddlRetryBudget()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(config.ignoreMissing()).isTrue();
                    assertThat(config.applicationName()).isEqualTo("orders-service");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SlipwayProperties.class)
    static class PropertiesOnly {
    }
}
