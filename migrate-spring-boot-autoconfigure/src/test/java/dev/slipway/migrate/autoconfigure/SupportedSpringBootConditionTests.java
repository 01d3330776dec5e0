package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring Boot version check of {@link SlipwayAutoConfiguration}. This module runs on Spring Boot 4, so the
 * decision is tested on version strings, and a real startup is failed by the same condition told that it runs on
 * 3.5.7: Spring Boot's own failure report shows what a user on Spring Boot 3.5 would read. The module
 * {@code spring-boot-3-check} starts a real Spring Boot 3.5 application with the starter. Isolated, because it reads
 * the captured console output.
 */
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class SupportedSpringBootConditionTests {

    @Test
    void refusesSpringBootOlderThanFourNamingSlipwayAndTheRequirement() {
        assertThat(SupportedSpringBootCondition.problem("3.5.7")).hasValueSatisfying((problem) -> assertThat(problem)
                .startsWith("Slipway's starter needs Spring Boot 4.0 or newer, but this application runs on Spring "
                        + "Boot 3.5.7.\nUpgrade the application to Spring Boot 4.0 or newer")
                .contains("To stay on Spring Boot 3.5, remove migrate-spring-boot-starter and run Slipway's core "
                        + "(dev.slipway:migrate-core)"));
        assertThat(SupportedSpringBootCondition.problem("3.5.0-SNAPSHOT")).isPresent();
        assertThat(SupportedSpringBootCondition.problem("3.4.11")).isPresent();
        assertThat(SupportedSpringBootCondition.problem("2.7.18")).isPresent();
    }

    @Test
    void acceptsSpringBootFourAndNewer() {
        assertThat(SupportedSpringBootCondition.problem("4.0.0")).isEmpty();
        assertThat(SupportedSpringBootCondition.problem("4.0.0-M1")).isEmpty();
        assertThat(SupportedSpringBootCondition.problem("4.1.1")).isEmpty();
        assertThat(SupportedSpringBootCondition.problem("4.1.0-SNAPSHOT")).isEmpty();
        assertThat(SupportedSpringBootCondition.problem("5.0.0")).isEmpty();
        assertThat(SupportedSpringBootCondition.problem("10.0.0")).isEmpty();
    }

    @Test
    void letsThroughAVersionItCannotRead() {
        assertThat(SupportedSpringBootCondition.problem(null)).isEmpty();
        assertThat(SupportedSpringBootCondition.problem("")).isEmpty();
        assertThat(SupportedSpringBootCondition.problem("unknown")).isEmpty();
    }

    @Test
    void acceptsTheSpringBootThisBuildRunsOn() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.");
        assertThat(new SupportedSpringBootCondition().matches(null, null)).isTrue();
    }

    @Test
    void startupOnSpringBootThreeFiveEndsWithAFailureAnalysisNamingSlipway(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start(OnSpringBootThreeFive.class));

        assertThat(output).contains("""
                ***************************
                APPLICATION FAILED TO START
                ***************************

                Description:

                Slipway stopped the startup: Slipway's starter needs Spring Boot 4.0 or newer, but this application \
                runs on Spring Boot 3.5.7.

                Action:

                Upgrade the application to Spring Boot 4.0 or newer (Slipway is built and tested on Spring Boot \
                4.1). To stay on Spring Boot 3.5, remove migrate-spring-boot-starter and run Slipway's core \
                (dev.slipway:migrate-core) from your own code: Slipway.builder(dataSource).build().migrate() before \
                the beans that use the database.
                """);
    }

    @Test
    void slipwayTurnedOffSkipsTheCheck(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(OnSpringBootThreeFive.class, "--slipway.enabled=false")) {
            assertThat(context.isActive()).isTrue();
        }
        assertThat(output).doesNotContain("APPLICATION FAILED TO START");
    }

    private static ConfigurableApplicationContext start(Class<?> configuration, String... args) {
        SpringApplication application = new SpringApplication(configuration);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }

    /** The version check told that the application runs on Spring Boot 3.5.7. */
    static final class SpringBootThreeFive extends SupportedSpringBootCondition {

        SpringBootThreeFive() {
            super("3.5.7");
        }
    }

    /** An application that imports, as an auto-configuration, {@link CheckedAsSlipwayIs}. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CheckedAsSlipwayIs.class)
    static class OnSpringBootThreeFive {

    }

    /**
     * Conditioned as {@link SlipwayAutoConfiguration} is: turned off by slipway.enabled=false, then the version
     * check, told that it runs on Spring Boot 3.5.7.
     */
    @AutoConfiguration
    @ConditionalOnBooleanProperty(name = "slipway.enabled", matchIfMissing = true)
    @Conditional(SpringBootThreeFive.class)
    static final class CheckedAsSlipwayIs {

    }
}
