package dev.slipway.migrate.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.Slipway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Conditions of {@link SlipwayEndpointAutoConfiguration}. The {@link Slipway} here is never called, so no database
 * is needed; what the endpoint answers is in {@link SlipwayActuatorDatabaseTests}.
 */
class SlipwayEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SlipwayEndpointAutoConfiguration.class))
            .withBean(
                    Slipway.class,
                    () -> Slipway.builder(new SimpleDriverDataSource()).build());

    @Test
    void endpointIsAbsentWhenNotExposed() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(SlipwayEndpoint.class)
                .doesNotHaveBean(SlipwayEndpointWebExtension.class));
    }

    @Test
    void endpointAndWebExtensionArePresentWhenExposedOverTheWeb() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=slipway")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SlipwayEndpoint.class)
                        .hasSingleBean(SlipwayEndpointWebExtension.class));
    }

    @Test
    void webExtensionIsAbsentWhenExposedOverJmxOnly() {
        runner.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=slipway")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SlipwayEndpoint.class)
                        .doesNotHaveBean(SlipwayEndpointWebExtension.class));
    }

    @Test
    void endpointIsAbsentWhenItsAccessIsNone() {
        runner.withPropertyValues(
                        "management.endpoints.web.exposure.include=slipway", "management.endpoint.slipway.access=NONE")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlipwayEndpoint.class));
    }

    @Test
    void endpointBacksOffWithoutSlipway() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SlipwayEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=slipway")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SlipwayEndpoint.class));
    }

    @Test
    void userDefinedEndpointWins() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=slipway")
                .withBean(
                        "ownEndpoint",
                        SlipwayEndpoint.class,
                        () -> new SlipwayEndpoint(
                                Slipway.builder(new SimpleDriverDataSource()).build(),
                                null,
                                true,
                                false,
                                dev.slipway.migrate.autoconfigure.ContractMode.AUTO))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SlipwayEndpoint.class)
                        .hasBean("ownEndpoint"));
    }

    @Test
    void writeOperationsAreDisabledByDefault() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=slipway")
                .run(context -> assertThat(context.getBean(SlipwayActuatorProperties.class)
                                .getWriteOperations()
                                .isEnabled())
                        .isFalse());
    }

    @Test
    void writeOperationsAreEnabledByProperty() {
        runner.withPropertyValues(
                        "management.endpoints.web.exposure.include=slipway",
                        "slipway.actuator.write-operations.enabled=true")
                .run(context -> assertThat(context.getBean(SlipwayActuatorProperties.class)
                                .getWriteOperations()
                                .isEnabled())
                        .isTrue());
    }
}
