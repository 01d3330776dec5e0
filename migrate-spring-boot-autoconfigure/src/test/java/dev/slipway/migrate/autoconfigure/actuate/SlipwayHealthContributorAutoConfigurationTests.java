package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Conditions of {@link SlipwayHealthContributorAutoConfiguration}. The {@link Slipway} here is never called; what
 * the indicator reports is in {@link SlipwayActuatorDatabaseTests}.
 */
class SlipwayHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SlipwayHealthContributorAutoConfiguration.class))
            .withBean(
                    Slipway.class,
                    () -> Slipway.builder(new SimpleDriverDataSource()).build());

    @Test
    void healthIndicatorIsPresentByDefault() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(SlipwayHealthIndicator.class)
                .hasBean("slipwayHealthIndicator"));
    }

    @Test
    void healthIndicatorIsAbsentWhenDisabled() {
        runner.withPropertyValues("management.health.slipway.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlipwayHealthIndicator.class));
    }

    @Test
    void healthIndicatorIsAbsentWhenDefaultIndicatorsAreDisabled() {
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlipwayHealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffWithoutSlipway() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SlipwayHealthContributorAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlipwayHealthIndicator.class));
    }

    @Test
    void userDefinedSlipwayHealthContributorWins() {
        runner.withBean(
                        "slipwayHealthContributor",
                        SlipwayHealthIndicator.class,
                        () -> new SlipwayHealthIndicator(
                                Slipway.builder(new SimpleDriverDataSource()).build(), null))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SlipwayHealthIndicator.class)
                        .hasBean("slipwayHealthContributor"));
    }
}
