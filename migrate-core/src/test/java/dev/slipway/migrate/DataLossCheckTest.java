package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class DataLossCheckTest {

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text, display_name text);\n"
            + "INSERT INTO users VALUES (1, 'a@x', 'Ada'), (2, 'a@x', NULL), (3, 'b@x', NULL), (4, 'b@x', 'Bo'),"
            + " (5, 'b@x', NULL), (6, 'c@x', 'Cy'), (7, NULL, 'Di'), (8, NULL, 'Ed');";

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    DataLossCheckTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("d_", test);
    }

    private Slipway slipway(SlipwayListener... listeners) {
        // The linter, which judges locks without looking at data, is another layer: it stays out of these tests.
        Slipway.Builder builder = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).lintMode(LintMode.OFF).build());
        for (SlipwayListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** Applies the expand migrations, then the contract ones (drops belong to contract migrations). */
    private static int applyAll(Slipway slipway) {
        return slipway.migrate().appliedCount() + slipway.contract().appliedCount();
    }

    private MigrationDataLossException refusal(Slipway slipway) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> applyAll(slipway));
        assertThat(thrown).isInstanceOf(MigrationDataLossException.class);
        return (MigrationDataLossException) thrown;
    }

    /**
     * Applies one migration in a run of its own: the checks guard the rows of tables that existed before the run
     * (what a run created and filled itself is its own, see RunAwareChecksTest).
     */
    private void earlierRun(String id, String sql) {
        files.add(id, sql);
        assertThat(slipway().migrate().appliedCount()).isEqualTo(1);
    }

    private String users() {
        return schema + ".users";
    }

    private long columns(String table, String column) {
        return db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = '" + table + "' AND column_name = '" + column + "'");
    }

    @Test
    void addingARequiredColumnWithoutDefaultToATableWithRowsIsRefused() {
        earlierRun("1_users", USERS);
        files.add("2_add_plan", "-- plans for everyone\n" + "ALTER TABLE users ADD COLUMN plan text NOT NULL;");
        List<SlipwayException> failures = new CopyOnWriteArrayList<>();
        List<LockTimeoutRetry> retries = new CopyOnWriteArrayList<>();
        Slipway slipway = slipway(new SlipwayListener() {
            @Override
            public void migrationFailed(MigrationInfo migration, SlipwayException error) {
                failures.add(error);
            }

            @Override
            public void lockTimeoutRetry(LockTimeoutRetry retry) {
                retries.add(retry);
            }
        });

        MigrationDataLossException e = refusal(slipway);

        assertThat(e.getMigrationId()).isEqualTo("2_add_plan");
        assertThat(e.getSource()).endsWith("2_add_plan/migration.sql");
        assertThat(e.getStatement()).isEqualTo(1);
        assertThat(e.getLine()).isEqualTo(2);
        assertThat(e.getTable()).isEqualTo(users());
        assertThat(e.getColumn()).isEqualTo("plan");
        assertThat(e.getRowCount()).isEqualTo(8);
        assertThat(e.getFix())
                .contains("ALTER TABLE " + users() + " ADD COLUMN plan text NOT NULL DEFAULT <value>;")
                .contains("UPDATE " + users() + " SET plan = <value> WHERE plan IS NULL;");
        assertThat(e.getMessage())
                .startsWith("Migration 2_add_plan was stopped before statement 1 (line 2) of " + e.getSource())
                .contains(users() + " holds 8 rows, and the column plan is added NOT NULL without a default")
                .contains("-- slipway:allow data-loss <reason>")
                .contains("Nothing of this migration was applied");
        assertThat(failures).containsExactly(e);
        assertThat(retries).isEmpty();
        assertThat(columns("users", "plan")).isZero();
        assertThat(db.queryString("SELECT logs FROM " + schema + ".slipway_migrations WHERE version = '2'"))
                .isEqualTo(e.getMessage());
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version = '2'"
                        + " AND finished_at IS NULL"))
                .isEqualTo(1);
        assertThat(slipway.status().migrations().get(1).state()).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void aRequiredColumnWithADefaultOrOnAnEmptyTableOrATableCreatedJustBeforePasses() {
        files.add("1_users", USERS + "\nCREATE TABLE empty (id int);")
                .add(
                        "2_columns",
                        "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';\n"
                                + "ALTER TABLE users ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;\n"
                                + "ALTER TABLE empty ADD COLUMN plan text NOT NULL;\n"
                                + "CREATE TABLE fresh (id int);\n"
                                + "ALTER TABLE fresh ADD COLUMN plan text NOT NULL;");

        assertThat(applyAll(slipway())).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM " + users() + " WHERE plan = 'free'"))
                .isEqualTo(8);
    }

    @Test
    void settingNotNullOverNullsIsRefusedWithTheirCount() {
        earlierRun("1_users", USERS);
        files.add("2_require_name", "ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;");

        MigrationDataLossException e = refusal(slipway());

        assertThat(e.getRowCount()).isEqualTo(3);
        assertThat(e.getColumn()).isEqualTo("display_name");
        assertThat(e.getMessage())
                .contains("3 rows hold NULL in " + users() + ".display_name, so SET NOT NULL would fail.");
        assertThat(e.getFix())
                .startsWith("Fill the column before SET NOT NULL")
                .contains("UPDATE " + users() + " SET display_name = <value> WHERE display_name IS NULL;");
        assertThat(db.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'users' AND column_name = 'display_name'"))
                .isEqualTo("YES");
    }

    @Test
    void settingNotNullPassesOnceAnEarlierStatementOfTheSameMigrationFilledTheNulls() {
        files.add("1_users", USERS)
                .add(
                        "2_require_name",
                        "UPDATE users SET display_name = 'anonymous' WHERE display_name IS NULL;\n"
                                + "ALTER TABLE users ALTER COLUMN display_name SET NOT NULL;");

        assertThat(applyAll(slipway())).isEqualTo(2);
        assertThat(db.queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'users' AND column_name = 'display_name'"))
                .isEqualTo("NO");
    }

    @Test
    void aUniqueConstraintOverDuplicatesIsRefusedCountingValuesAndRowsButNotNulls() {
        earlierRun("1_users", USERS);
        files.add(
                "2_unique_email",
                "ALTER TABLE users\n"
                        + "  ADD COLUMN note text,\n"
                        + "  ADD CONSTRAINT users_email_key UNIQUE (email);");

        MigrationDataLossException e = refusal(slipway());

        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e.getColumn()).isEqualTo("email");
        assertThat(e.getRowCount()).isEqualTo(5);
        assertThat(e.getMessage())
                .contains("2 values of " + users() + ".email occur more than once (5 rows),"
                        + " so the unique constraint cannot be built.");
        assertThat(e.getFix())
                .contains("SELECT email, count(*) FROM " + users() + " GROUP BY email HAVING count(*) > 1;");
        assertThat(columns("users", "note")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = '" + users() + "'::regclass"
                        + " AND contype = 'u'"))
                .isZero();
    }

    @Test
    void nullsCountAsDuplicatesOnlyWithNullsNotDistinct() {
        earlierRun("1_users", USERS + "\nDELETE FROM users WHERE id IN (2, 4, 5);");
        files.add("2_unique_email", "ALTER TABLE users ADD UNIQUE NULLS NOT DISTINCT (email);");

        MigrationDataLossException e = refusal(slipway());

        assertThat(e.getRowCount()).isEqualTo(2);
        assertThat(e.getMessage()).contains("1 value of " + users() + ".email occurs more than once (2 rows)");

        files.remove("2_unique_email").add("2_unique_email", "ALTER TABLE users ADD UNIQUE (email);");
        assertThat(applyAll(slipway())).isEqualTo(1);
    }

    @Test
    void aPrimaryKeyOverNullsOrDuplicatesIsRefused() {
        earlierRun(
                "1_pairs",
                "CREATE TABLE pairs (a int, b int);\n" + "INSERT INTO pairs VALUES (1, 1), (1, 2), (1, 2), (2, NULL);");
        files.add("2_key", "ALTER TABLE pairs ADD PRIMARY KEY (a, b);");

        MigrationDataLossException nulls = refusal(slipway());
        assertThat(nulls.getColumn()).isEqualTo("b");
        assertThat(nulls.getRowCount()).isEqualTo(1);
        assertThat(nulls.getMessage())
                .contains("1 row holds NULL in " + schema + ".pairs.b, which a primary key" + " column cannot hold.");

        db.execute("DELETE FROM " + schema + ".pairs WHERE b IS NULL");
        MigrationDataLossException duplicates = refusal(slipway());
        assertThat(duplicates.getColumn()).isEqualTo("a, b");
        assertThat(duplicates.getRowCount()).isEqualTo(2);
        assertThat(duplicates.getMessage())
                .contains("1 value of (a, b) in " + schema + ".pairs occurs more than"
                        + " once (2 rows), so the primary key cannot be built.");
    }

    @Test
    void aUniqueIndexOnExpressionsRespectsItsPredicate() {
        earlierRun(
                "1_users",
                USERS + "\nALTER TABLE users ADD COLUMN deleted boolean NOT NULL DEFAULT false;\n"
                        + "UPDATE users SET deleted = true WHERE id IN (2, 5);\n"
                        + "UPDATE users SET email = upper(email) WHERE id = 3;");
        files.add(
                "2_unique_email",
                "CREATE UNIQUE INDEX users_email_live ON users USING btree (lower(email))\n"
                        + "  WHERE NOT deleted -- live accounts only\n"
                        + "    AND email <> '';");

        MigrationDataLossException e = refusal(slipway());

        // Live rows: a@x, B@X, b@x, c@x and two NULLs; with the deleted ones, a@x and b@x would be 5 rows.
        assertThat(e.getRowCount()).isEqualTo(2);
        assertThat(e.getColumn()).isEqualTo("lower(email)");
        assertThat(e.getMessage())
                .contains("1 value of lower(email) in " + users() + " occurs more than once (2 rows)"
                        + " among the rows WHERE NOT deleted -- live accounts only AND email <> ''");
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "'"
                        + " AND indexname = 'users_email_live'"))
                .isZero();
    }

    @Test
    void aPartialUniqueIndexPassesWhenTheDuplicatesAreOutsideItsPredicate() {
        files.add(
                        "1_users",
                        USERS + "\nALTER TABLE users ADD COLUMN deleted boolean NOT NULL DEFAULT false;\n"
                                + "UPDATE users SET deleted = true WHERE id IN (2, 4, 5);")
                .add(
                        "2_unique_email",
                        "CREATE UNIQUE INDEX users_email_live ON ONLY users (email COLLATE \"C\")"
                                + " INCLUDE (display_name) WHERE NOT deleted;");

        assertThat(applyAll(slipway())).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "'"
                        + " AND indexname = 'users_email_live'"))
                .isEqualTo(1);
    }

    @Test
    void droppingAColumnThatHoldsDataIsRefusedWithTheCountOfValues() {
        files.add(
                        "1_users",
                        "CREATE TABLE users (id bigint PRIMARY KEY, legacy text, unused text);\n"
                                + "INSERT INTO users SELECT g, CASE WHEN g <= 1204 THEN 'x' END FROM generate_series(1, 1300) g;")
                .add(
                        "2_drop",
                        "-- slipway:phase contract\nALTER TABLE users DROP COLUMN unused,"
                                + " DROP COLUMN IF EXISTS legacy CASCADE;");

        MigrationDataLossException e = refusal(slipway());

        assertThat(e.getColumn()).isEqualTo("legacy");
        assertThat(e.getRowCount()).isEqualTo(1204);
        assertThat(e.getMessage())
                .contains("the column " + users() + ".legacy holds data in 1,204 rows, which" + " dropping it loses.");
        assertThat(e.getFix()).startsWith("Copy the data you still need before dropping the column");
        assertThat(columns("users", "legacy")).isEqualTo(1);
        assertThat(columns("users", "unused")).isEqualTo(1);
    }

    @Test
    void droppingAnEmptyColumnOrAMissingOnePasses() {
        files.add("1_users", USERS + "\nALTER TABLE users ADD COLUMN unused text;")
                .add(
                        "2_drop",
                        "-- slipway:phase contract\nALTER TABLE users DROP COLUMN unused,"
                                + " DROP COLUMN IF EXISTS never_was;\nDROP TABLE IF EXISTS nowhere;");

        assertThat(applyAll(slipway())).isEqualTo(2);
        assertThat(columns("users", "unused")).isZero();
    }

    @Test
    void droppingATableThatHoldsRowsIsRefusedAndTheOtherTablesStay() {
        files.add(
                        "1_tables",
                        "CREATE TABLE empty (id int);\nCREATE TABLE audit (id int);\n"
                                + "INSERT INTO audit SELECT generate_series(1, 12);")
                .add("2_drop", "-- slipway:phase contract\nDROP TABLE IF EXISTS empty,\n  audit CASCADE;");

        MigrationDataLossException e = refusal(slipway());

        assertThat(e.getTable()).isEqualTo(schema + ".audit");
        assertThat(e.getColumn()).isNull();
        assertThat(e.getRowCount()).isEqualTo(12);
        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e.getMessage()).contains("the table " + schema + ".audit holds 12 rows, which dropping it loses.");
        assertThat(e.getFix()).contains("CREATE TABLE audit_archive AS TABLE " + schema + ".audit;");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"
                        + " AND tablename IN ('empty', 'audit')"))
                .isEqualTo(2);

        db.execute("DELETE FROM " + schema + ".audit");
        assertThat(applyAll(slipway())).isEqualTo(1);
    }

    @Test
    void anAllowAtTheTopOfTheMigrationLetsEveryStatementThrough() {
        files.add("1_users", USERS)
                .add(
                        "2_contract",
                        "-- slipway:phase contract\n"
                                + "-- slipway:allow data-loss the names were copied to the profiles service\n"
                                + "ALTER TABLE users DROP COLUMN display_name;\nDROP TABLE users;");

        assertThat(applyAll(slipway())).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"
                        + " AND tablename = 'users'"))
                .isZero();
    }

    @Test
    void anAllowBeforeAStatementLetsOnlyThatStatementThrough() {
        files.add("1_users", USERS)
                .add(
                        "2_contract",
                        "-- slipway:phase contract\n"
                                + "ALTER TABLE users DROP COLUMN email;\n"
                                + "-- slipway:allow data-loss display names are no longer shown\n"
                                + "ALTER TABLE users DROP COLUMN display_name;");

        MigrationDataLossException e = refusal(slipway());

        assertThat(e.getStatement()).isEqualTo(1);
        assertThat(e.getColumn()).isEqualTo("email");
        assertThat(e.getRowCount()).isEqualTo(6);

        files.remove("2_contract")
                .add(
                        "2_contract",
                        "-- slipway:phase contract\n"
                                + "CREATE TABLE users_archive AS SELECT id, email FROM users;\n"
                                + "-- slipway:allow data-loss copied to users_archive just before\n"
                                + "ALTER TABLE users DROP COLUMN email;\n"
                                + "ALTER TABLE users DROP COLUMN display_name;");
        MigrationDataLossException second = refusal(slipway());
        assertThat(second.getStatement()).isEqualTo(3);
        assertThat(second.getLine()).isEqualTo(5);
        assertThat(second.getColumn()).isEqualTo("display_name");
        assertThat(second.getRowCount()).isEqualTo(5);
        assertThat(columns("users", "email")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"
                        + " AND tablename = 'users_archive'"))
                .isZero();
    }

    @Test
    void quotedMixedCaseAndSchemaQualifiedNamesAreResolved() {
        earlierRun(
                "1_accounts",
                "CREATE SCHEMA \"Audit\";\n"
                        + "CREATE TABLE \"Audit\".\"UserAccounts\" (id int, \"DisplayName\" text, \"select\" text);\n"
                        + "INSERT INTO \"Audit\".\"UserAccounts\" VALUES (1, NULL, 'a'), (2, 'Bo', 'a');");
        files.add(
                "2_require",
                "ALTER TABLE /* both */ IF EXISTS ONLY \"Audit\" . \"UserAccounts\"\n"
                        + "  ADD COLUMN \"Note\" text,\n"
                        + "  ALTER \"DisplayName\" SET NOT NULL;");

        MigrationDataLossException e = refusal(slipway());

        assertThat(e.getTable()).isEqualTo("\"Audit\".\"UserAccounts\"");
        assertThat(e.getColumn()).isEqualTo("\"DisplayName\"");
        assertThat(e.getRowCount()).isEqualTo(1);
        assertThat(e.getLine()).isEqualTo(3);
        assertThat(e.getMessage()).contains("1 row holds NULL in \"Audit\".\"UserAccounts\".\"DisplayName\"");

        files.remove("2_require")
                .add(
                        "2_require",
                        "SET search_path TO \"Audit\";\n"
                                + "CREATE UNIQUE INDEX IF NOT EXISTS \"Accounts_Select\" ON UserAccounts (\"select\");");
        // Unquoted UserAccounts folds to useraccounts: no such table, so PostgreSQL reports it itself.
        assertThatThrownBy(slipway()::migrate)
                .isExactlyInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("relation \"useraccounts\" does not exist");

        files.remove("2_require")
                .add(
                        "2_require",
                        "SET search_path TO \"Audit\";\n"
                                + "CREATE UNIQUE INDEX IF NOT EXISTS \"Accounts_Select\" ON \"UserAccounts\" (\"select\");");
        MigrationDataLossException unique = refusal(slipway());
        assertThat(unique.getTable()).isEqualTo("\"Audit\".\"UserAccounts\"");
        assertThat(unique.getColumn()).isEqualTo("\"select\"");
        assertThat(unique.getRowCount()).isEqualTo(2);
    }

    @Test
    void aConcurrentUniqueIndexOverDuplicatesIsRefusedBeforeItBuildsAndResumesThereOnceDeduped() {
        earlierRun("1_users", USERS);
        files.add(
                "2_indexes",
                "CREATE INDEX CONCURRENTLY users_name_idx ON users (display_name);\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);");
        Slipway slipway = slipway();

        MigrationDataLossException e = refusal(slipway);

        assertThat(e.getStatement()).isEqualTo(2);
        assertThat(e.getLine()).isEqualTo(2);
        assertThat(e.getRowCount()).isEqualTo(5);
        assertThat(e.getMessage())
                .contains("2 values of " + users() + ".email occur more than once (5 rows), so the"
                        + " unique index cannot be built.")
                .endsWith("This migration runs outside a transaction: 1 of its 2 statements are applied; the next run"
                        + " resumes at statement 2.");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = '" + schema + "'::regnamespace"
                        + " AND relname = 'users_email_key'"))
                .isZero();
        assertThat(db.queryString("SELECT applied_steps || ' ' || (finished_at IS NULL) || ' ' || (logs = "
                        + "'" + e.getMessage().replace("'", "''") + "') FROM " + schema + ".slipway_migrations"
                        + " WHERE version = '2'"))
                .isEqualTo("1 true true");

        db.execute("DELETE FROM " + users() + " WHERE id IN (2, 4, 5)");
        MigrateResult result = slipway.migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("2_indexes");
        assertThat(db.queryLong("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relnamespace = '" + schema + "'::regnamespace"
                        + " AND c.relname IN ('users_email_key', 'users_name_idx') AND i.indisvalid"))
                .isEqualTo(2);
        assertThat(db.queryString("SELECT applied_steps FROM " + schema + ".slipway_migrations WHERE version = '2'"
                        + " AND finished_at IS NOT NULL"))
                .isEqualTo("2");
        assertThat(slipway.status().isUpToDate()).isTrue();
    }

    @Test
    void aCheckQueryThatFailsLeavesTheErrorToPostgreSqlAndTheStatement() {
        files.add("1_users", USERS).add("2_unique", "CREATE UNIQUE INDEX users_email_number ON users ((email::int));");

        assertThatThrownBy(slipway()::migrate)
                .isExactlyInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("invalid input syntax for type integer")
                .hasMessageContaining("at statement 1 (line 1)");
    }
}
