package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.slipway.migrate.autoconfigure.SlipwayAutoConfiguration;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * What a user sees when Slipway stops a real startup: Spring Boot's "APPLICATION FAILED TO START" report with
 * the analysis of {@code META-INF/spring.factories}. Isolated, because it reads the captured console output.
 */
@ExtendWith({PostgresExtension.class, OutputCaptureExtension.class})
@Isolated
class StartupFailureAnalysisTests {

    @Test
    void failedMigrationEndsStartupWithDescriptionAndAction(TestDatabase db, CapturedOutput output) {
        assertThatException().isThrownBy(() -> start(db, "broken", "classpath:db/broken-migrations"));

        assertThat(output).contains("""
                ***************************
                APPLICATION FAILED TO START
                ***************************

                Description:

                Migration 20240301000000_broken failed at statement 1, line 1, of \
                classpath:db/broken-migrations/20240301000000_broken/migration.sql.

                PostgreSQL said:
                    ERROR: relation "no_such_table" does not exist (SQLSTATE 42P01)

                Statement 1:
                    CREATE TABLE broken ( id int PRIMARY KEY, name text NOT NULL REFERENCES no_such_table (id) )

                Action:

                Nothing of this migration was applied (it runs in one transaction). Fix it and start again.
                """);
    }

    @Test
    void modifiedMigrationEndsStartupWithBothChecksumsAndTheFix(TestDatabase db, CapturedOutput output) {
        start(db, "modified", "classpath:db/migrations").close();
        db.execute("UPDATE modified.slipway_migrations SET checksum = 'recorded-before-the-edit'");

        assertThatException().isThrownBy(() -> start(db, "modified", "classpath:db/migrations"));

        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The migration files and the history table disagree, so Slipway applied nothing (1 problem):")
                .contains("Migration 20240101000000_create_greetings was changed after it was applied.")
                .contains("-> checksum in modified.slipway_migrations: recorded-before-the-edit")
                .contains("Action:\n\nRestore the file as it was applied, or write a new migration for the change.");
    }

    @Test
    void invalidMigrationFileEndsStartupWithFileLineAndFix(TestDatabase db, CapturedOutput output) {
        assertThatException().isThrownBy(() -> start(db, "invalid", "classpath:db/invalid-migrations"));

        assertThat(output).contains("""
                Description:

                Slipway cannot use the migration at \
                classpath:db/invalid-migrations/20240501000000_unterminated/migration.sql, line 3:
                    Unterminated quoted string starting here.

                Action:

                Close it with '""");
    }

    @Test
    void lockWaitThatTimedOutEndsStartupNamingTheHolder(TestDatabase db, CapturedOutput output) throws SQLException {
        try (Connection otherInstance = db.connect();
                Statement statement = otherInstance.createStatement()) {
            statement.execute("SET application_name = 'other-instance'");
            statement.execute("SELECT pg_advisory_lock(" + AdvisoryLock.keyFor("locked", "slipway_migrations") + ")");
            int pid = otherInstance.unwrap(PGConnection.class).getBackendPID();

            assertThatException()
                    .isThrownBy(() -> start(
                            db,
                            "locked",
                            "classpath:db/migrations",
                            "--slipway.lock.wait-timeout=1s",
                            "--slipway.lock.poll-interval=100ms"));

            assertThat(output)
                    .contains("APPLICATION FAILED TO START")
                    .contains("Slipway gave up waiting for the migration lock after 1.")
                    .contains("-> held by: pid " + pid + " (other-instance)")
                    .contains("SELECT pg_terminate_backend(" + pid + ")");
        }
    }

    @Test
    void linterRefusalEndsStartupWithEachFindingAndTheFix(TestDatabase db, CapturedOutput output) {
        deployedBefore(db, "unsafe", "classpath:db/unsafe-base");
        assertThatException().isThrownBy(() -> start(db, "unsafe", "classpath:db/unsafe-migrations"));

        assertThat(output)
                .contains("""
                Description:

                The migration linter refused the pending migrations, so Slipway applied nothing (1 error):

                classpath:db/unsafe-migrations/20240102000000_index_orders/migration.sql:2: statement 2: error \
                [require-concurrent-index-creation]
                  CREATE INDEX orders_placed_at_idx ON orders (placed_at)
                  Takes SHARE on orders""")
                .contains("CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at)")
                .contains("Action:\n\nRewrite each statement as its finding shows")
                .contains("-- slipway:allow <rule> <reason>");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'unsafe'"
                        + " AND table_name = 'orders' AND column_name = 'placed_at'"))
                .as("nothing of the refused migration applied")
                .isZero();
    }

    @Test
    void dataCheckRefusalEndsStartupWithTheRowsInTheWayAndTheFix(TestDatabase db, CapturedOutput output) {
        deployedBefore(db, "duplicates", "classpath:db/duplicate-base");
        long instancesBefore = db.queryLong("SELECT count(*) FROM duplicates.slipway_instances");
        assertThatException().isThrownBy(() -> start(db, "duplicates", "classpath:db/duplicate-migrations"));

        assertThat(output)
                .contains("""
                Description:

                Migration 20240702000000_unique_account_email was stopped before statement 1 (line 1) of \
                classpath:db/duplicate-migrations/20240702000000_unique_account_email/migration.sql, because of the \
                data in the database:
                """)
                .contains("1 value of duplicates.accounts.email occurs more than once (2 rows)")
                .contains("    table: duplicates.accounts\n    column: email\n    rows in the way: 2")
                .contains("Action:\n\n")
                .contains("-- slipway:allow data-loss <reason>");
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = 'duplicates'"
                        + " AND indexname = 'accounts_email_key'"))
                .as("no index, not even an INVALID one")
                .isZero();
        assertThat(db.queryLong("SELECT count(*) FROM duplicates.slipway_instances"))
                .as("the instance registered before migrating, and left when the startup failed")
                .isEqualTo(instancesBefore);
    }

    @Test
    void linterInWarnModeLogsTheFindingAndMigrates(TestDatabase db, CapturedOutput output) {
        deployedBefore(db, "unsafe_warned", "classpath:db/unsafe-base");
        start(db, "unsafe_warned", "classpath:db/unsafe-migrations", "--slipway.lint.mode=warn")
                .close();

        assertThat(output)
                .doesNotContain("APPLICATION FAILED TO START")
                .contains("[require-concurrent-index-creation]");
        assertThat(db.queryLong("SELECT count(*) FROM unsafe_warned.slipway_migrations WHERE finished_at IS NOT NULL"))
                .isEqualTo(2);
    }

    @Test
    void anyOtherRefusalEndsStartupWithWhatHappenedAndWhatToDo(TestDatabase db, CapturedOutput output) {
        assertThatException()
                .isThrownBy(() -> start(db, "not_there", "classpath:db/migrations", "--slipway.create-schema=false"));

        assertThat(output).contains("""
                Description:

                Slipway stopped the startup: Schema not_there does not exist and creating it is turned off.

                Action:

                Create the schema, or let Slipway create it (slipway.create-schema=true), or set slipway.schema to a \
                schema that exists.
                """);
    }

    /**
     * Starts and stops the application once with the first migration of a set (the same file), so that its table
     * exists before the next start: what a run creates itself is new to the linter and the data-loss checks.
     */
    private static void deployedBefore(TestDatabase db, String schema, String locations) {
        start(db, schema, locations).close();
    }

    private static ConfigurableApplicationContext start(
            TestDatabase db, String schema, String locations, String... more) {
        SpringApplication application = new SpringApplication(MigratingApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--slipway.schema=" + schema,
                "--slipway.locations=" + locations));
        args.addAll(List.of(more));
        return application.run(args.toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class})
    static class MigratingApplication {}
}
