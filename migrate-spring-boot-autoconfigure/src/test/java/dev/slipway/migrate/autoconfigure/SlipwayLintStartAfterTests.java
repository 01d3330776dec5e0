package dev.slipway.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationLintException;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code slipway.lint.start-after}: at startup the migrations up to that version are never linted, so an application
 * that adopts Slipway with a history written before starts, and what it writes from then on is still linted.
 */
@ExtendWith(PostgresExtension.class)
class SlipwayLintStartAfterTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, SlipwayAutoConfiguration.class));

    @TempDir
    Path migrations;

    @Test
    void startsWithAnUnsafeMigrationUpToTheBaselineAndRefusesANewerOne(TestDatabase db) throws IOException {
        write(
                "20240101000000_create_orders",
                "CREATE TABLE orders (id bigint PRIMARY KEY, code int, note text);\n"
                        + "INSERT INTO orders VALUES (1, 7, 'first');\n");
        connectedTo(db, "adopted").run((context) -> assertThat(context).hasNotFailed());
        // Written before the team adopted Slipway: an index built under a SHARE lock on a table that holds rows.
        write("20240201000000_index_orders_code", "CREATE INDEX orders_code_idx ON orders (code);\n");
        write("20240301000000_add_total", "ALTER TABLE orders ADD COLUMN total numeric;\n");

        connectedTo(db, "adopted")
                .run((context) -> assertThat(context.getStartupFailure())
                        .as("without a baseline")
                        .hasRootCauseInstanceOf(MigrationLintException.class));

        connectedTo(db, "adopted")
                .withPropertyValues("slipway.lint.start-after=20240201000000")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Slipway.class).config().lintStartAfter())
                            .isEqualTo("20240201000000");
                    assertThat(db.queryStrings("SELECT version FROM adopted.slipway_migrations ORDER BY version"))
                            .containsExactly("20240101000000", "20240201000000", "20240301000000");
                });

        write("20240401000000_index_orders_note", "CREATE INDEX orders_note_idx ON orders (note);\n");
        connectedTo(db, "adopted")
                .withPropertyValues("slipway.lint.start-after=20240201000000")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (!(cause instanceof MigrationLintException) && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause)
                            .isInstanceOfSatisfying(
                                    MigrationLintException.class,
                                    (lint) -> assertThat(lint.getFindings())
                                            .extracting(LintFinding::migration)
                                            .containsExactly("20240401000000_index_orders_note"));
                });
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = 'adopted'"
                        + " AND indexname = 'orders_note_idx'"))
                .isZero();
    }

    @Test
    void aValueThatIsNotAVersionStopsTheStartupNamingTheProperty(TestDatabase db) {
        connectedTo(db, "mistyped")
                .withPropertyValues("slipway.lint.start-after=V2__add_email")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("slipway.lint.start-after")
                            .hasRootCauseInstanceOf(IllegalArgumentException.class)
                            .hasStackTraceContaining("slipway.lint.start-after must be the version of a migration")
                            .hasStackTraceContaining("'V2__add_email' is not one");
                    Throwable cause = context.getStartupFailure();
                    while (!(cause instanceof BindException) && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause)
                            .isInstanceOfSatisfying(
                                    BindException.class,
                                    (bind) -> assertThat(bind.getName().toString())
                                            .isEqualTo("slipway.lint"));
                });
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'mistyped'"))
                .isZero();
    }

    private void write(String folder, String sql) throws IOException {
        Path dir = Files.createDirectories(this.migrations.resolve(folder));
        Files.writeString(dir.resolve("migration.sql"), sql);
    }

    private ApplicationContextRunner connectedTo(TestDatabase db, String schema) {
        return this.runner.withPropertyValues(
                "spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.username=" + db.username(),
                "spring.datasource.password=" + db.password(),
                "slipway.schema=" + schema,
                "slipway.locations=filesystem:" + this.migrations.toAbsolutePath());
    }
}
