package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Conditions of {@link SlipwayAutoConfiguration}, without a database: the data source
 * here is never connected to. What happens with a database is in
 * {@link SlipwayAutoConfigurationDatabaseTests}.
 */
class SlipwayAutoConfigurationTests {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SlipwayAutoConfiguration.class));

    @Test
    void backsOffWithoutDataSource() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(Slipway.class)
                .doesNotHaveBean(SlipwayMigrationInitializer.class));
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withBean(DataSource.class, SimpleDriverDataSource::new)
                .withPropertyValues("slipway.enabled=false")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(Slipway.class)
                        .doesNotHaveBean(SlipwayMigrationInitializer.class));
    }

    @Test
    void backsOffWithoutSlipwayOnTheClassPath() {
        runner.withBean(DataSource.class, SimpleDriverDataSource::new)
                .withClassLoader(new FilteredClassLoader(Slipway.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(Slipway.class)
                        .doesNotHaveBean(SlipwayMigrationInitializer.class));
    }

    @Test
    void backsOffWithTwoDataSourcesAndNoPrimary() {
        runner.withBean("first", DataSource.class, SimpleDriverDataSource::new)
                .withBean("second", DataSource.class, SimpleDriverDataSource::new)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Slipway.class));
    }
}
