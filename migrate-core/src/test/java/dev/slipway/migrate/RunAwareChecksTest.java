package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run creates is new to the linter and to the data-loss checks (DESIGN.md, "What is new in a run"); what
 * existed before the run is judged exactly as before. Every test runs with the default settings: lint mode
 * {@code fail}, data-loss checks on.
 */
@ExtendWith(PostgresExtension.class)
class RunAwareChecksTest {

    private static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text,"
            + " code varchar(20), team_id bigint);\n"
            + "INSERT INTO users VALUES (1, 'a@x', 'Ada', 'a', 1), (2, 'a@x', NULL, 'b', 1), (3, 'b@x', NULL, 'c', 2);\n"
            + "CREATE TABLE teams (id bigint PRIMARY KEY);\nINSERT INTO teams VALUES (1), (2);";

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    RunAwareChecksTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("r_", test);
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    /** Applies the files so far in a run of their own, so that what they create exists before the next run. */
    private void earlierRun() {
        assertThat(SlipwayConfig.defaults().lintMode()).isEqualTo(LintMode.FAIL);
        Slipway slipway = slipway();
        slipway.migrate();
        slipway.contract();
        assertThat(slipway.status().isUpToDate()).isTrue();
    }

    private LintFinding lintError(String id, String sql) {
        files.add(id, sql);
        Throwable thrown = catchThrowable(slipway()::migrate);
        assertThat(thrown).isInstanceOf(MigrationLintException.class);
        MigrationLintException e = (MigrationLintException) thrown;
        assertThat(e.getFindings())
                .allSatisfy(finding -> assertThat(finding.migration()).isEqualTo(id));
        assertThat(applied(id)).isZero();
        return e.getFindings().get(0);
    }

    private MigrationDataLossException dataLoss(String id, String sql) {
        files.add(id, sql);
        Slipway slipway = slipway();
        Throwable thrown = catchThrowable(() -> {
            slipway.migrate();
            slipway.contract();
        });
        assertThat(thrown).isInstanceOf(MigrationDataLossException.class);
        assertThat(applied(id)).isZero();
        return (MigrationDataLossException) thrown;
    }

    private long applied(String id) {
        return db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version || '_' || name = '"
                + id + "' AND finished_at IS NOT NULL");
    }

    private long count(String sql) {
        return db.queryLong(sql);
    }

    @Test
    void aWholeHistoryAppliesOnAnEmptyDatabaseWithTheDefaultSettings() {
        String countries = IntStream.rangeClosed(1, 26)
                .mapToObj(i -> "('" + (char) ('a' + i - 1) + "', 'Country " + i + "')")
                .collect(Collectors.joining(", "));
        files.add("1_users", "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100), name text);")
                .add("2_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total int);")
                .add("3_index", "CREATE INDEX orders_user_idx ON orders (user_id);")
                .add(
                        "4_foreign_key",
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id)"
                                + " REFERENCES users (id);\nALTER TABLE orders ADD CONSTRAINT orders_total CHECK (total >= 0);")
                .add(
                        "5_type",
                        "ALTER TABLE orders ALTER COLUMN total TYPE bigint;\n"
                                + "ALTER TABLE users ALTER COLUMN email TYPE text USING lower(email);")
                .add(
                        "6_seed",
                        "CREATE TABLE countries (code text PRIMARY KEY, name text);\n"
                                + "INSERT INTO countries VALUES " + countries + ";\n"
                                + "INSERT INTO users VALUES (1, 'a@x', 'Ada'), (2, 'b@x', NULL);\n"
                                + "INSERT INTO orders VALUES (1, 1, 10), (2, 1, 20);")
                .add(
                        "7_not_null",
                        "UPDATE users SET name = 'anonymous' WHERE name IS NULL;\n"
                                + "ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n"
                                + "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free', ADD COLUMN seq serial;")
                .add(
                        "8_temporary_column",
                        "ALTER TABLE users ADD COLUMN domain text;\n"
                                + "UPDATE users SET domain = split_part(email, '@', 2);\n"
                                + "CREATE UNIQUE INDEX users_email_key ON users (email);\n"
                                + "ALTER TABLE users DROP COLUMN domain;")
                .add(
                        "9_drop_seed",
                        "DROP TABLE countries;\nALTER TABLE orders DROP COLUMN total;\n"
                                + "ALTER TABLE users RENAME COLUMN plan TO tier;");

        MigrateResult result = slipway().migrate();

        assertThat(result.appliedCount()).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"
                        + " AND tablename = 'countries'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM " + schema + ".users WHERE name = 'anonymous' AND tier = 'free'"))
                .isEqualTo(1);
    }

    @Test
    void aColumnAddedFilledAndDroppedInOneMigrationOfAnOlderTableIsLetGo() {
        files.add("1_users", USERS);
        earlierRun();

        files.add(
                "2_domains",
                "-- slipway:allow bulk-data-change users holds 3 rows\n"
                        + "ALTER TABLE users ADD COLUMN domain text;\n"
                        + "UPDATE users SET domain = split_part(email, '@', 2);\n"
                        + "ALTER TABLE users ADD COLUMN email_domain text;\n"
                        + "UPDATE users SET email_domain = domain;\n"
                        + "ALTER TABLE users DROP COLUMN domain;");

        assertThat(slipway().migrate().appliedCount()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM " + schema + ".users WHERE email_domain = 'x'"))
                .isEqualTo(3);
    }

    @Test
    void aTableDroppedAndCreatedAgainInTheRunIsNewButOneRenamedOrCreatedIfNotExistsStaysLive() {
        files.add("1_users", USERS + "\nCREATE TABLE events (id bigint);\nCREATE TABLE logs (id bigint);");
        earlierRun();

        files.add("2_recreate", "-- slipway:phase contract\nDROP TABLE events;")
                .add(
                        "3_events",
                        "CREATE TABLE events (id bigint, at timestamptz);\n"
                                + "CREATE INDEX events_at_idx ON events (at);");
        Slipway slipway = slipway();
        slipway.contract();
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);

        LintFinding renamed = lintError(
                "4_rename",
                "-- slipway:allow renaming-table the old name is not used\n"
                        + "ALTER TABLE logs RENAME TO entries;\nCREATE INDEX entries_id_idx ON entries (id);");
        assertThat(renamed.rule()).isEqualTo("require-concurrent-index-creation");
        files.remove("4_rename");

        LintFinding ifNotExists = lintError(
                "4_teams",
                "CREATE TABLE IF NOT EXISTS teams (id bigint PRIMARY KEY);\n"
                        + "ALTER TABLE users ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id);");
        assertThat(ifNotExists.rule()).isEqualTo("adding-foreign-key-constraint");
    }

    // Nothing is weakened for what existed before the run: each of these tables was created by an earlier run and
    // holds rows, and the same statements meet the same lint errors and data-loss refusals as before.

    @Test
    void aMaterializedViewCreatedEarlierInTheRunIsNewButOneFromAnEarlierRunStaysLive() {
        files.add("1_users", USERS + "\nCREATE MATERIALIZED VIEW old_emails AS SELECT id, email FROM users;");
        earlierRun();
        files.add(
                        "2_view",
                        "CREATE MATERIALIZED VIEW team_sizes AS SELECT team_id, count(*) AS n FROM users "
                                + "GROUP BY team_id WITH NO DATA;")
                .add(
                        "3_index_view",
                        "CREATE UNIQUE INDEX team_sizes_team_idx ON team_sizes (team_id);\n"
                                + "REFRESH MATERIALIZED VIEW team_sizes;");
        slipway().migrate();
        assertThat(applied("3_index_view")).isEqualTo(1);

        LintFinding finding = lintError("4_index_old_view", "CREATE INDEX old_emails_email_idx ON old_emails (email);");

        assertThat(finding.rule()).isEqualTo("require-concurrent-index-creation");
    }

    @Test
    void anIndexWithoutConcurrentlyOnATableFromAnEarlierRunIsStillAnError() {
        files.add("1_users", USERS);
        earlierRun();

        LintFinding finding = lintError(
                "2_index",
                "CREATE TABLE fresh (id bigint);\n"
                        + "CREATE INDEX fresh_id_idx ON fresh (id);\nCREATE INDEX users_email_idx ON users (email);");

        assertThat(finding.rule()).isEqualTo("require-concurrent-index-creation");
        assertThat(finding.statement()).isEqualTo(3);
    }

    @Test
    void aForeignKeyWithoutNotValidOnATableFromAnEarlierRunIsStillAnError() {
        files.add("1_users", USERS);
        earlierRun();

        LintFinding finding = lintError(
                "2_foreign_key",
                "ALTER TABLE users ADD CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id);");

        assertThat(finding.rule()).isEqualTo("adding-foreign-key-constraint");
    }

    @Test
    void aTypeChangeOnATableFromAnEarlierRunIsStillAnErrorJudgedByTheLiveType() {
        // The file says varchar(20); the live column was widened by hand to varchar(40) since.
        files.add("1_users", USERS);
        earlierRun();
        db.execute("ALTER TABLE " + schema + ".users ALTER COLUMN code TYPE varchar(40)");

        LintFinding finding = lintError("2_type", "ALTER TABLE users ALTER COLUMN code TYPE varchar(30);");

        assertThat(finding.rule()).isEqualTo("changing-column-type");
        assertThat(finding.problem()).startsWith("a shorter length or precision");
    }

    @Test
    void setNotNullOnATableFromAnEarlierRunIsStillAnError() {
        files.add("1_users", USERS);
        earlierRun();

        LintFinding finding = lintError("2_not_null", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;");

        assertThat(finding.rule()).isEqualTo("setting-not-null");
    }

    @Test
    void droppingATableWithRowsFromAnEarlierRunIsStillRefused() {
        files.add("1_users", USERS);
        earlierRun();

        MigrationDataLossException e = dataLoss("2_drop", "-- slipway:phase contract\nDROP TABLE teams;");

        assertThat(e.getTable()).isEqualTo(schema + ".teams");
        assertThat(e.getRowCount()).isEqualTo(2);
    }

    @Test
    void droppingAColumnWithDataFromAnEarlierRunIsStillRefused() {
        files.add("1_users", USERS);
        earlierRun();

        MigrationDataLossException e =
                dataLoss("2_drop", "-- slipway:phase contract\n" + "ALTER TABLE users DROP COLUMN code;");

        assertThat(e.getColumn()).isEqualTo("code");
        assertThat(e.getRowCount()).isEqualTo(3);
    }

    @Test
    void aUniqueIndexOverDuplicatesOfATableFromAnEarlierRunIsStillRefused() {
        files.add("1_users", USERS);
        earlierRun();

        MigrationDataLossException e =
                dataLoss("2_unique", "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);");

        assertThat(e.getColumn()).isEqualTo("email");
        assertThat(e.getRowCount()).isEqualTo(2);
    }

    @Test
    void setNotNullOverNullsOfATableFromAnEarlierRunIsStillRefused() {
        files.add("1_users", USERS);
        earlierRun();

        MigrationDataLossException e = dataLoss(
                "2_not_null",
                "-- slipway:allow setting-not-null users holds 3 rows\n"
                        + "ALTER TABLE users ALTER COLUMN name SET NOT NULL;");

        assertThat(e.getColumn()).isEqualTo("name");
        assertThat(e.getRowCount()).isEqualTo(2);
    }

    @Test
    void aRequiredColumnWithoutDefaultOnATableFromAnEarlierRunIsStillRefused() {
        files.add("1_users", USERS);
        earlierRun();

        MigrationDataLossException e = dataLoss(
                "2_plan",
                "-- slipway:allow adding-required-column every instance"
                        + " sets it\nALTER TABLE users ADD COLUMN plan text NOT NULL;");

        assertThat(e.getColumn()).isEqualTo("plan");
        assertThat(e.getRowCount()).isEqualTo(3);
    }
}
