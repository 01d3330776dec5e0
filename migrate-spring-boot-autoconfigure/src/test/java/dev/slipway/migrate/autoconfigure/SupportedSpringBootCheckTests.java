package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring Boot version check of the starter. This module runs on Spring Boot 4, so the decision is tested on
 * version strings, and a real startup is failed by the same check told that it runs on 3.5.7: Spring Boot's own failure report shows what a user on Spring Boot 3.5 would read. The module
 * {@code spring-boot-3-check} starts a real Spring Boot 3.5 application with the starter. Isolated, because it reads
 * the captured console output.
 */
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class SupportedSpringBootCheckTests {

    @Test
    void refusesSpringBootOlderThanFourNamingSlipwayAndTheRequirement() {
        assertThat(SupportedSpringBootCheck.problem("3.5.7"))
                .hasValueSatisfying((problem) -> assertThat(problem)
                        .startsWith(
                                "Slipway's starter needs Spring Boot 4.0 or newer, but this application runs on Spring "
                                        + "Boot 3.5.7.\nUpgrade the application to Spring Boot 4.0 or newer")
                        .contains(
                                "To stay on Spring Boot 3.5, remove migrate-spring-boot-starter and run Slipway's core "
                                        + "(dev.slipway:migrate-core)"));
        assertThat(SupportedSpringBootCheck.problem("3.5.0-SNAPSHOT")).isPresent();
        assertThat(SupportedSpringBootCheck.problem("3.4.11")).isPresent();
        assertThat(SupportedSpringBootCheck.problem("2.7.18")).isPresent();
    }

    @Test
    void acceptsSpringBootFourAndNewer() {
        assertThat(SupportedSpringBootCheck.problem("4.0.0")).isEmpty();
        assertThat(SupportedSpringBootCheck.problem("4.0.0-M1")).isEmpty();
        assertThat(SupportedSpringBootCheck.problem("4.1.1")).isEmpty();
        assertThat(SupportedSpringBootCheck.problem("4.1.0-SNAPSHOT")).isEmpty();
        assertThat(SupportedSpringBootCheck.problem("5.0.0")).isEmpty();
        assertThat(SupportedSpringBootCheck.problem("10.0.0")).isEmpty();
    }

    @Test
    void letsThroughAVersionItCannotRead() {
        assertThat(SupportedSpringBootCheck.problem(null)).isEmpty();
        assertThat(SupportedSpringBootCheck.problem("")).isEmpty();
        assertThat(SupportedSpringBootCheck.problem("unknown")).isEmpty();
    }

    @Test
    void acceptsTheSpringBootThisBuildRunsOn() {
        assertThat(SpringBootVersion.getVersion()).startsWith("4.");
        new SupportedSpringBootCheck().initialize(null);
    }

    @Test
    void startupOnSpringBootThreeFiveEndsWithAFailureAnalysisNamingSlipway(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start());

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
    void slipwayTurnedOffDoesNotSkipTheCheck(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start("--slipway.enabled=false"));

        assertThat(output)
                .contains("Slipway's starter needs Spring Boot 4.0 or newer, but this application runs on "
                        + "Spring Boot 3.5.7.");
    }

    /** Starts an empty application with the check told that it runs on Spring Boot 3.5.7. */
    private static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(EmptyApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addInitializers(new SupportedSpringBootCheck("3.5.7"));
        return application.run(args);
    }

    @Configuration(proxyBeanMethods = false)
    static class EmptyApplication {}
}
