package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import org.h2.engine.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * What a user sees when Slipway is started in an environment it does not support: an application whose profile
 * runs on H2 (H2 is a test dependency only). Spring Boot's "APPLICATION FAILED TO START" report names the product
 * and says how to turn Slipway off for that profile, and nothing was sent to H2. Isolated, because it reads the
 * captured console output.
 */
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class WrongEnvironmentStartupTests {

    @Test
    void defaultProfileOnH2EndsStartupNamingH2AndSlipwayEnabledFalse(CapturedOutput output) throws SQLException {
        String url = h2Url();

        assertThatException().isThrownBy(() -> start(url));

        assertThat(output).contains("""
                ***************************
                APPLICATION FAILED TO START
                ***************************

                Description:

                Slipway migrates PostgreSQL only, but the database is H2 %s. Slipway stopped before sending any \
                SQL to it.

                Action:

                If the application runs on H2 on purpose (no profile is active, so this is the default \
                configuration), turn Slipway off there with slipway.enabled=false in application.properties (or \
                .yml), and on with slipway.enabled=true in the profile that runs on PostgreSQL.
                Otherwise point Slipway at PostgreSQL 12 or newer: \
                spring.datasource.url=jdbc:postgresql://<host>:<port>/<database>, or give Slipway a login of its own \
                with slipway.datasource.url, slipway.datasource.username and slipway.datasource.password.
                """.formatted(Constants.FULL_VERSION)).doesNotContainIgnoringCase("pg_class");
        assertThat(tablesIn(url)).as("tables Slipway created in H2").isZero();
    }

    @Test
    void profileOnH2EndsStartupNamingTheProfile(CapturedOutput output) {
        assertThatException().isThrownBy(() -> start(h2Url(), "--spring.profiles.active=local"));

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Slipway migrates PostgreSQL only, but the database is H2 " + Constants.FULL_VERSION)
                .contains("If the application runs on H2 on purpose in this configuration (active profile 'local'), "
                        + "turn Slipway off for it with slipway.enabled=false, e.g. in application-local.properties "
                        + "(or .yml).");
    }

    @Test
    void startsOnH2WhenSlipwayIsTurnedOffAsTheActionSays(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(h2Url(), "--slipway.enabled=false")) {
            assertThat(context.isActive()).isTrue();
        }
        assertThat(output).doesNotContain("APPLICATION FAILED TO START");
    }

    private static String h2Url() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static long tablesIn(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
                ResultSet count = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema <> 'INFORMATION_SCHEMA'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static ConfigurableApplicationContext start(String url, String... more) {
        SpringApplication application = new SpringApplication(MigratingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=sa", "--spring.datasource.password="));
        args.addAll(List.of(more));
        return application.run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class })
    static class MigratingApplication {

    }
}
