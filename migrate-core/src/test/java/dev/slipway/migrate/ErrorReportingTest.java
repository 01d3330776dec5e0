package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStateException;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of exception Slipway throws carries an error code, a description and an action as separate values, and
 * its action names settings only as {@link Setting}s: rendered for a command line (flags) it holds no Spring property
 * name, and neither does {@code getMessage()}. The failures are caused for real against PostgreSQL where a test can
 * cause them; the lock wait, the pooler and the unsupported database are built as the core builds them (their own
 * tests cause them for real).
 */
@ExtendWith(PostgresExtension.class)
class ErrorReportingTest {

    /** A command line's renderer: {@code --baseline-version}. */
    private static final Function<Setting, String> FLAGS =
            s -> "--" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    ErrorReportingTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void files(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("e_", test);
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    private SlipwayException thrown(Runnable call) {
        try {
            call.run();
        } catch (SlipwayException e) {
            return e;
        }
        throw new AssertionError("no SlipwayException was thrown");
    }

    /** Code, description and action set; the action rendered as flags and the message name no property. */
    private static void assertSpeaksItsOwnTerms(SlipwayException e, SlipwayError error, Setting... named) {
        assertThat(e.getError()).isEqualTo(error);
        assertThat(e.getDescription()).isNotBlank();
        assertThat(e.getAction().isEmpty()).as("action of " + error).isFalse();
        String flags = e.getAction().render(FLAGS);
        assertThat(flags).doesNotContainPattern("slipway\\.[a-z]");
        assertThat(e.getMessage())
                .doesNotContainPattern("slipway\\.[a-z]")
                .isEqualTo(e.getDescription() + "\n" + e.getAction());
        assertThat(e.getAction().settings()).contains(named);
        for (Setting setting : named) {
            assertThat(flags).contains(FLAGS.apply(setting));
            assertThat(e.getMessage()).contains(setting.neutral());
        }
    }

    @Test
    void aFailedMigration() {
        files.add("1_broken", "CREATE TABLE t (id int);\nCREATE TABLE t (id int);");
        MigrationFailedException e = (MigrationFailedException) thrown(slipway()::migrate);
        assertSpeaksItsOwnTerms(e, SlipwayError.MIGRATION_FAILED);
        assertThat(e.getStatementText()).isEqualTo("CREATE TABLE t (id int)");
        assertThat(e.getDescription())
                .contains("ERROR: relation \"t\" already exists")
                .doesNotContain("Fix it");
        assertThat(e.getAction())
                .hasToString("Nothing of this migration was applied (it runs in one transaction). "
                        + "Fix it and start again.");
    }

    @Test
    void aStatementThatMayLoseData() {
        files.add("1_users", "CREATE TABLE users (id int);\nINSERT INTO users VALUES (1), (2);");
        slipway().migrate();
        files.add("2_plan", "ALTER TABLE users ADD COLUMN plan text NOT NULL;");
        Slipway unlinted = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).lintMode(LintMode.OFF).build())
                .build();
        MigrationDataLossException e = (MigrationDataLossException) thrown(unlinted::migrate);
        assertSpeaksItsOwnTerms(e, SlipwayError.DATA_LOSS);
        assertThat(e.getProblem()).contains("holds 2 rows");
        assertThat(e.getStatementText()).isEqualTo("ALTER TABLE users ADD COLUMN plan text NOT NULL");
        assertThat(e.getAction().toString()).contains("-- slipway:allow data-loss <reason>");
    }

    @Test
    void aModifiedAndAMissingMigration() {
        files.add("1_a", "CREATE TABLE a (id int);").add("2_b", "CREATE TABLE b (id int);");
        slipway().migrate();
        files.add("1_a", "CREATE TABLE a (id bigint);").remove("2_b").add("3_c", "CREATE TABLE c (id int);");
        MigrationValidationException e = (MigrationValidationException) thrown(slipway()::migrate);
        assertSpeaksItsOwnTerms(e, SlipwayError.VALIDATION_FAILED, Setting.VALIDATE_IGNORE_MISSING);
        assertThat(e.getProblems())
                .extracting(ValidationProblem::error)
                .containsExactly(SlipwayError.MIGRATION_MODIFIED, SlipwayError.MIGRATION_MISSING);
        ValidationProblem missing = e.getProblems().get(1);
        assertThat(missing.description())
                .contains("was applied but its file is gone")
                .doesNotContain("Restore");
        assertThat(missing.action().render(FLAGS))
                .isEqualTo(
                        "Restore the migration (a migration must keep its folder "
                                + "or file name once applied), or set --validate-ignore-missing=true if it was removed on purpose.");
        assertThat(e.getAction().render(FLAGS))
                .startsWith("1_a: Restore the file")
                .contains("\n2_b: Restore");
    }

    @Test
    void aSchemaBuiltWithoutHistory() {
        db.execute("CREATE SCHEMA " + schema);
        db.execute("CREATE TABLE " + schema + ".users (id int)");
        files.add("20240101000000_users", "CREATE TABLE users (id int);");
        ExistingSchemaException e = (ExistingSchemaException) thrown(slipway()::migrate);
        assertSpeaksItsOwnTerms(
                e, SlipwayError.EXISTING_SCHEMA, Setting.BASELINE_VERSION, Setting.SCHEMA, Setting.DATASOURCE_URL);
        assertThat(e.getDescription()).contains("table users").doesNotContain("baseline");
        assertThat(e.getAction().render(FLAGS))
                .contains("set --baseline-version=20240101000000 (the newest migration file)");
        assertThat(e.getAction().toString()).contains("set the baseline version to 20240101000000");
    }

    @Test
    void aMissingLocation(@TempDir Path empty) {
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(SlipwayConfig.builder()
                        .locations("filesystem:" + empty.resolve("nowhere"))
                        .schema(schema)
                        .build())
                .build();
        MigrationLocationNotFoundException e = (MigrationLocationNotFoundException) thrown(slipway::migrate);
        assertSpeaksItsOwnTerms(e, SlipwayError.LOCATION_NOT_FOUND, Setting.LOCATIONS);
        assertThat(e.getProblem()).endsWith("nowhere does not exist.");
    }

    @Test
    void anInvalidMigrationFile() {
        files.add("1_a", "CREATE TABLE a (id int); -- slipway:transaction off");
        InvalidMigrationException e = (InvalidMigrationException) thrown(slipway()::migrate);
        assertThat(e.getError()).isEqualTo(SlipwayError.INVALID_MIGRATION);
        assertThat(e.getLine()).isEqualTo(1);
        assertThat(e.getProblem()).isEqualTo("The directive -- slipway:transaction off shares its line with SQL.");
        assertThat(e.getDescription()).isEqualTo(e.getSource() + ":1: " + e.getProblem());
        assertThat(e.getAction()).hasToString("Put it on a line of its own.");
        assertThat(e.getMessage()).isEqualTo(e.getDescription() + "\n" + e.getAction());
    }

    @Test
    void unsafeStatementsFoundByTheLinter() {
        db.execute("CREATE SCHEMA " + schema);
        db.execute("CREATE TABLE " + schema + ".orders (id bigint PRIMARY KEY, code int)");
        db.execute("CREATE TABLE " + schema + ".slipway_placeholder (id int)");
        files.add("1_index", "CREATE INDEX orders_code_idx ON " + schema + ".orders (code);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).baselineVersion("0").build())
                .build();
        MigrationLintException e = (MigrationLintException) thrown(slipway::migrate);
        assertSpeaksItsOwnTerms(e, SlipwayError.LINT_FAILED, Setting.LINT_MODE, Setting.LINT_START_AFTER);
        assertThat(e.getAction().render(FLAGS))
                .contains("--lint-mode=warn only logs the findings")
                .contains("--lint-start-after=<version of the newest of them>");
        assertThat(e.getDescription()).contains("[require-concurrent-index-creation]");
    }

    @Test
    void aSchemaThatMayNotBeCreated() {
        files.add("1_a", "CREATE TABLE a (id int);");
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).createSchema(false).build())
                .build();
        SlipwayException e = thrown(slipway::migrate);
        assertSpeaksItsOwnTerms(e, SlipwayError.SCHEMA_NOT_FOUND, Setting.CREATE_SCHEMA, Setting.SCHEMA);
        assertThat(e.getAction().render(FLAGS))
                .isEqualTo("Create the schema, or let Slipway create it "
                        + "(--create-schema=true), or set --schema to a schema that exists.");
    }

    @Test
    void aLockHeldTooLong() {
        LockHolder holder =
                new LockHolder(4242, "other-instance", "10.0.0.7", Instant.parse("2026-01-01T00:00:00Z"), "idle");
        LockWaitTimeoutException e =
                new LockWaitTimeoutException(holder, Duration.ofSeconds(30), "public.slipway_migrations");
        assertSpeaksItsOwnTerms(e, SlipwayError.LOCK_WAIT_TIMEOUT, Setting.LOCK_WAIT_TIMEOUT);
        assertThat(e.getDescription())
                .contains("after 30000 ms")
                .contains("-> held by: ")
                .doesNotContain("raise");
        assertThat(e.getAction().render(FLAGS))
                .contains("SELECT pg_terminate_backend(4242)")
                .endsWith("To wait longer, raise --lock-wait-timeout.");
    }

    @Test
    void aTransactionPooler() {
        TransactionPoolerException e = new TransactionPoolerException("both connections ran in session 4711");
        assertSpeaksItsOwnTerms(e, SlipwayError.TRANSACTION_POOLER, Setting.DATASOURCE_URL);
        assertThat(e.getDescription()).endsWith("\n-> seen: both connections ran in session 4711");
        assertThat(e.getAction().render(FLAGS))
                .contains("set --datasource-url=jdbc:postgresql://<PostgreSQL host>:"
                        + "<port>/<database> with --datasource-username and --datasource-password");
    }

    @Test
    void anotherDatabaseProduct() {
        UnsupportedDatabaseException e = new UnsupportedDatabaseException("MySQL", "8.0.36", 8);
        assertSpeaksItsOwnTerms(e, SlipwayError.UNSUPPORTED_DATABASE, Setting.DATASOURCE_URL, Setting.ENABLED);
        assertThat(e.getAction().render(FLAGS)).contains("set --enabled=false");
        UnsupportedDatabaseException old = new UnsupportedDatabaseException("PostgreSQL", "11.22", 11);
        assertSpeaksItsOwnTerms(old, SlipwayError.UNSUPPORTED_DATABASE, Setting.DATASOURCE_URL);
    }

    @Test
    void anotherToolsHistoryThatDoesNotMatch() {
        AdoptionProblem missing = new AdoptionProblem(
                SlipwayError.MIGRATION_MISSING,
                "2",
                "Flyway applied it",
                Action.of(
                        "if its work is done, set {}: the row is then imported",
                        Setting.VALIDATE_IGNORE_MISSING.to("true")));
        AdoptionProblem other =
                new AdoptionProblem(SlipwayError.MIGRATION_MISSING, "3", "Flyway applied it too", missing.action());
        MigrationAdoptionException e =
                new MigrationAdoptionException("public.flyway_schema_history", List.of(missing, other));
        assertSpeaksItsOwnTerms(
                e,
                SlipwayError.ADOPTION_FAILED,
                Setting.VALIDATE_IGNORE_MISSING,
                Setting.ADOPT_MODE,
                Setting.BASELINE_VERSION);
        assertThat(e.getAction().render(FLAGS))
                .startsWith("2, 3: If its work is done, set "
                        + "--validate-ignore-missing=true: the row is then imported\n")
                .contains("set --adopt-mode=off and --baseline-version=<the newest migration it applied>");
    }

    @Test
    void aBackfillOperationThatItsStateRefuses() throws InterruptedException {
        db.execute("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema
                + ".bf_users (id bigint PRIMARY KEY, name text, display_name text);"
                + "INSERT INTO " + schema + ".bf_users SELECT g, 'u' || g FROM generate_series(1, 20) g");
        Backfills backfills = Backfills.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        BackfillStatus done = backfills.run(
                Backfill.named("bf_display_name")
                        .schema(schema)
                        .table("bf_users")
                        .set("display_name = name")
                        .where("display_name IS NULL")
                        .build(),
                StopSignal.create());
        assertThat(done.state()).as(String.valueOf(done.lastError())).isEqualTo(BackfillState.COMPLETED);

        BackfillStateException pause = (BackfillStateException) thrown(() -> backfills.pause("bf_display_name"));
        assertSpeaksItsOwnTerms(pause, SlipwayError.BACKFILL_STATE);
        assertThat(pause.getDescription())
                .isEqualTo("Backfill bf_display_name is COMPLETED, so it cannot be paused; nothing was changed.");
        assertThat(pause.getAction())
                .hasToString("There is nothing left to do. To run it again, declare a backfill " + "with a new name.");
        BackfillStateException retry = (BackfillStateException) thrown(() -> backfills.retry("bf_display_name"));
        assertThat(retry.getDescription()).contains("cannot be retried");
    }

    @Test
    void aConnectionWithoutACurrentSchemaForTheBackfills() {
        org.postgresql.ds.PGSimpleDataSource noSchema = new org.postgresql.ds.PGSimpleDataSource();
        noSchema.setURL(db.jdbcUrl());
        noSchema.setUser(db.username());
        noSchema.setPassword(db.password());
        noSchema.setCurrentSchema("no_such_schema_anywhere");
        Backfills backfills = Backfills.builder(noSchema).build();

        SlipwayException e = thrown(backfills::status);

        assertSpeaksItsOwnTerms(e, SlipwayError.SCHEMA_NOT_FOUND, Setting.SCHEMA);
        assertThat(e.getDescription()).contains("no current schema").contains("slipway_backfills");
        assertThat(e.getAction().render(FLAGS)).startsWith("Set --schema to the schema where Slipway keeps");
    }

    @Test
    void anActionRendersEachSettingAndRefusesAWrongTemplate() {
        Action action = Action.of("Raise {}, or set {}.", Setting.LOCK_WAIT_TIMEOUT, Setting.LINT_MODE.to("warn"));
        assertThat(action.render(FLAGS)).isEqualTo("Raise --lock-wait-timeout, or set --lint-mode=warn.");
        assertThat(action).hasToString("Raise the lock wait timeout, or set the lint mode to warn.");
        assertThat(action.settings()).containsExactly(Setting.LOCK_WAIT_TIMEOUT, Setting.LINT_MODE);
        assertThat(Action.text("SELECT '{}';").render(FLAGS)).isEqualTo("SELECT '{}';");
        assertThatThrownBy(() -> Action.of("Raise {} and {}.", Setting.LOCK_WAIT_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Action.of("Raise it.", Setting.LOCK_WAIT_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
