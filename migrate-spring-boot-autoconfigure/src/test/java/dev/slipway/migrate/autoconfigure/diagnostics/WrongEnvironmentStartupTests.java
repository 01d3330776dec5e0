package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import org.h2.engine.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * What a user sees when Slipway is started in an environment it does not support: an application whose profile
 * runs on H2 (H2 is a test dependency only), or a project coming from Flyway whose migrations are in Flyway's
 * {@code db/migration}. Spring Boot's "APPLICATION FAILED TO START" report names the product (and nothing was sent
 * to H2) or the folder found, and says what to do. Isolated, because it reads the captured console output.
 */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
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

        assertThat(output)
                .contains("APPLICATION FAILED TO START")
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

    @Test
    void flywaysFolderInsteadOfTheDefaultEndsStartupSayingSoAndTheTwoWaysOn(
            TestDatabase db, CapturedOutput output, @TempDir Path classes) throws IOException {
        Files.createDirectories(classes.resolve("db/migration"));
        Files.writeString(
                classes.resolve("db/migration/V1__create_greetings.sql"),
                "CREATE TABLE greetings (id int PRIMARY KEY);\n");
        try (URLClassLoader flywayProject = new WithoutSlipwayDefaultFolder(classes)) {
            assertThatException().isThrownBy(() -> start(flywayProject, db, "flyway_layout"));

            assertThat(output).contains("""
                    Description:

                    Slipway found no migrations at classpath:db/migrations (slipway.locations):
                        No folder db/migrations was found on the classpath, but db/migration was: Flyway's default \
                    location.

                    Action:

                    Move the migration files to src/main/resources/db/migrations, or set \
                    slipway.locations=classpath:db/migration: Slipway reads Flyway's V<version>__<description>.sql files \
                    as they are.
                    """);

            start(flywayProject, db, "flyway_layout", "--slipway.locations=classpath:db/migration")
                    .close();
            assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'flyway_layout'"
                            + " AND tablename = 'greetings'"))
                    .as("applied from the location the action names")
                    .isOne();
        }
    }

    private static String h2Url() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static long tablesIn(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement();
                ResultSet count = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema <> 'INFORMATION_SCHEMA'")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static ConfigurableApplicationContext start(String url, String... more) {
        SpringApplication application = new SpringApplication(MigratingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url, "--spring.datasource.username=sa", "--spring.datasource.password="));
        args.addAll(List.of(more));
        return application.run(args.toArray(String[]::new));
    }

    /** Starts on PostgreSQL with the given class loader, Slipway's default location unless more says otherwise. */
    private static ConfigurableApplicationContext start(
            ClassLoader classLoader, TestDatabase db, String schema, String... more) {
        SpringApplication application = new SpringApplication(MigratingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setResourceLoader(new DefaultResourceLoader(classLoader));
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--slipway.schema=" + schema));
        args.addAll(List.of(more));
        return application.run(args.toArray(String[]::new));
    }

    /**
     * The classpath of a project coming from Flyway: the test classpath without its {@code db/migrations}, plus a
     * folder of its own (with {@code db/migration}).
     */
    private static final class WithoutSlipwayDefaultFolder extends URLClassLoader {

        WithoutSlipwayDefaultFolder(Path folder) throws IOException {
            super(new URL[] {folder.toUri().toURL()}, WrongEnvironmentStartupTests.class.getClassLoader());
        }

        @Override
        public URL getResource(String name) {
            return hidden(name) ? findResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return hidden(name) ? findResources(name) : super.getResources(name);
        }

        private static boolean hidden(String name) {
            return name.equals("db/migrations") || name.startsWith("db/migrations/");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class})
    static class MigratingApplication {}
}
