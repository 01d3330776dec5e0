package dev.slipway.migrate.boot3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.slipway.migrate.SlipwayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/**
 * A Spring Boot 3.5 application (this module's classpath: Spring Boot 3.5's BOM, {@code spring-boot-starter-jdbc}
 * 3.5, HikariCP and the PostgreSQL driver) with Slipway's starter, which also brings its Spring Boot 4 modules
 * ({@code spring-boot-jdbc} 4). Its startup must end with Slipway's failure analysis naming the Spring Boot it
 * needs, and not with the clash of Spring Boot 3's and 4's {@code DataSourceAutoConfiguration} bean definitions
 * that it otherwise ends with, also when Slipway is turned off. Nothing reaches the database: the startup ends
 * before any bean is created. Isolated, because it reads the captured console output.
 */
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class SpringBootThreeStartupTests {

    private static final String FAILURE_ANALYSIS = """
            ***************************
            APPLICATION FAILED TO START
            ***************************

            Description:

            Slipway stopped the startup: Slipway's starter needs Spring Boot 4.0 or newer, but this application \
            runs on Spring Boot %s.

            Action:

            Upgrade the application to Spring Boot 4.0 or newer (Slipway is built and tested on Spring Boot 4.1). \
            To stay on Spring Boot 3.5, remove migrate-spring-boot-starter and run Slipway's core \
            (dev.slipway:migrate-core) from your own code: Slipway.builder(dataSource).build().migrate() before the \
            beans that use the database.
            """;

    @Test
    void runsOnSpringBootThreeFiveWithTheStartersSpringBootFourJdbcModule() throws ClassNotFoundException {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        // Spring Boot 4's DataSourceAutoConfiguration, from spring-boot-jdbc 4 (Spring Boot 3's is in
        // org.springframework.boot.autoconfigure.jdbc): the two register beans of the same names.
        Class.forName("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
        Class.forName("org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration");
    }

    @Test
    void startupEndsWithSlipwaysMessageNamingTheSpringBootItNeeds(CapturedOutput output) {
        assertStartupRefused(output);
    }

    @Test
    void startupWithSlipwayTurnedOffEndsWithTheSameMessage(CapturedOutput output) {
        assertStartupRefused(output, "--slipway.enabled=false");
    }

    private static void assertStartupRefused(CapturedOutput output, String... args) {
        assertThatException().isThrownBy(() -> start(args)).satisfies((failure) -> {
            assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                    .isInstanceOf(SlipwayException.class)
                    .hasMessageStartingWith("Slipway's starter needs Spring Boot 4.0 or newer");
            assertThat(failure).hasNoSuppressedExceptions();
        });
        assertThat(output)
                .contains(FAILURE_ANALYSIS.formatted(SpringBootVersion.getVersion()))
                .doesNotContain("BeanDefinitionOverrideException")
                .doesNotContain("could not be registered")
                .doesNotContain("NoClassDefFoundError")
                .doesNotContain("ClassNotFoundException");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/postgres";
        all[1] = "--spring.datasource.username=postgres";
        all[2] = "--spring.main.web-application-type=none";
        all[3] = "--spring.main.banner-mode=off";
        System.arraycopy(args, 0, all, 4, args.length);
        SpringApplication.run(BootThreeApplication.class, all).close();
    }

    @SpringBootApplication
    static class BootThreeApplication {}
}
