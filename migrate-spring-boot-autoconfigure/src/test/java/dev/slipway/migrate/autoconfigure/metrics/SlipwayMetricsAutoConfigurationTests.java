package dev.slipway.migrate.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Conditions of {@link SlipwayMetricsAutoConfiguration}. The {@link Slipway} here is never called; the meters
 * recorded from real migrations are in {@link SlipwayMetricsDatabaseTests}.
 */
class SlipwayMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SlipwayMetricsAutoConfiguration.class))
            .withBean(
                    Slipway.class,
                    () -> Slipway.builder(new SimpleDriverDataSource()).build());

    @Test
    void metricsAreAbsentWithoutMeterRegistry() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(SlipwayMetricsListener.class)
                .doesNotHaveBean(SlipwayMigrationsMeterBinder.class));
    }

    @Test
    void metricsArePresentWithMeterRegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SlipwayMetricsListener.class)
                        .hasSingleBean(SlipwayMigrationsMeterBinder.class));
    }

    @Test
    void metricsBackOffWithoutSlipway() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SlipwayMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(SlipwayMetricsListener.class)
                        .doesNotHaveBean(SlipwayMigrationsMeterBinder.class));
    }
}
