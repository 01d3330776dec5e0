package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MigrateTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    MigrateTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("s_", test);
    }

    private Slipway slipway(SlipwayListener... listeners) {
        Slipway.Builder builder = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build());
        for (SlipwayListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    @Test
    void appliesPendingMigrationsInVersionOrderAndRecordsThem() {
        files.add("20240102000000_add_email", "ALTER TABLE users ADD COLUMN email text;")
                .add(
                        "20240101000000_create_users",
                        "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n"
                                + "INSERT INTO users VALUES (1, 'ada');")
                .add("9_first", "CREATE TABLE earliest (id int);");

        MigrateResult result = slipway().migrate();

        assertThat(result.applied())
                .extracting(MigrationInfo::id)
                .containsExactly("9_first", "20240101000000_create_users", "20240102000000_add_email");
        assertThat(result.applied()).allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.APPLIED));
        assertThat(db.queryStrings("SELECT version || ' ' || name || ' ' || phase || ' ' || applied_steps" + " FROM "
                        + schema + ".slipway_migrations WHERE finished_at IS NOT NULL ORDER BY started_at"))
                .containsExactly(
                        "9 first expand 1",
                        "20240101000000 create_users expand 2",
                        "20240102000000 add_email expand 1");
        assertThat(db.queryString("SELECT email IS NULL AND name = 'ada' FROM " + schema + ".users"))
                .isEqualTo("t");
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations"
                        + " WHERE checksum ~ '^[0-9a-f]{64}$' AND applied_by LIKE '%/%' AND execution_ms >= 0"))
                .isEqualTo(3);
    }

    @Test
    void secondRunFindsNothingToDoAndStatusShowsEverythingApplied() {
        files.add("1_create", "CREATE TABLE t (id int);");
        slipway().migrate();

        MigrateResult again = slipway().migrate();

        assertThat(again.appliedCount()).isZero();
        MigrationStatus status = slipway().status();
        assertThat(status.isUpToDate()).isTrue();
        assertThat(status.migrations()).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo(MigrationState.APPLIED);
            assertThat(m.checksum()).isEqualTo(m.appliedChecksum());
            assertThat(m.finishedAt()).isNotNull();
        });
        assertThat(status.lockHolder()).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations"))
                .isEqualTo(1);
    }

    @Test
    void aRestartWithNothingPendingDoesNotWaitForAnInstanceHoldingTheLock() throws Exception {
        files.add("1_create", "CREATE TABLE t (id int);");
        slipway().migrate();
        long key = dev.slipway.migrate.internal.lock.AdvisoryLock.keyFor(schema, "slipway_migrations");
        try (Connection other = db.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            Slipway impatient = Slipway.builder(db.dataSource())
                    .config(files.config()
                            .schema(schema)
                            .lockWaitTimeout(Duration.ZERO)
                            .build())
                    .build();

            assertThat(impatient.migrate().appliedCount()).isZero();
            assertThat(impatient.status().lockHolder()).isPresent();

            files.add("2_more", "CREATE TABLE u (id int);");
            assertThatThrownBy(impatient::migrate)
                    .isInstanceOf(LockWaitTimeoutException.class)
                    .hasMessageContaining("held by: pid");
        }
    }

    @Test
    void oneInstanceSeesFilesChangeBetweenCalls() {
        files.add("1_create", "CREATE TABLE t (id int);");
        Slipway slipway = slipway();
        slipway.migrate();
        assertThat(slipway.status().isUpToDate()).isTrue();

        files.add("1_create", "CREATE TABLE t (id bigint);");
        assertThat(slipway.status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.MODIFIED);

        files.add("1_create", "CREATE TABLE t (id int);").add("2_broken", "SELECT 'unterminated;");
        assertThatThrownBy(slipway::status)
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("2_broken/migration.sql");
    }

    @Test
    void statusListsPendingMigrationsBeforeTheHistoryTableExists() {
        files.add("1_create", "CREATE TABLE t (id int);").add("2_more", "CREATE TABLE u (id int);");

        MigrationStatus status = slipway().status();

        assertThat(status.migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.PENDING, MigrationState.PENDING);
        assertThat(status.pending()).hasSize(2);
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'"))
                .isZero();
    }

    @Test
    void failedTransactionalMigrationLeavesNothingBehindAndIsRetriedOnTheNextRun() {
        files.add("1_create", "CREATE TABLE t (id int);")
                .add(
                        "2_broken",
                        "CREATE TABLE half (id int);\n"
                                + "INSERT INTO half VALUES (1);\n"
                                + "SELECT\n  no_such_column\nFROM t;");

        assertThatThrownBy(() -> slipway().migrate()).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.getVersion()).isEqualTo("2");
            assertThat(e.getStatement()).isEqualTo(3);
            assertThat(e.getLine()).isEqualTo(4);
            assertThat(e.getSqlState()).isEqualTo("42703");
            assertThat(e.getPosition()).isPositive();
            assertThat(e.getSource()).endsWith("2_broken/migration.sql");
            assertThat(e.getMessage())
                    .contains("Migration 2_broken failed at statement 3 (line 4)")
                    .contains("column \"no_such_column\" does not exist")
                    .contains("Nothing of this migration was applied");
        });
        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'half'"))
                .isZero();
        assertThat(slipway().status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        assertThat(slipway().status().migrations().get(1).error()).contains("no_such_column");

        files.add("2_broken", "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);");
        MigrateResult fixed = slipway().migrate();

        assertThat(fixed.applied()).extracting(MigrationInfo::id).containsExactly("2_broken");
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".half")).isEqualTo(1);
        assertThat(db.queryStrings("SELECT CASE WHEN finished_at IS NULL THEN 'failed' ELSE 'applied' END" + " FROM "
                        + schema + ".slipway_migrations WHERE version = '2' ORDER BY started_at"))
                .containsExactly("failed", "applied");
    }

    @Test
    void serverErrorsNameTheLineOfTheErrorPositionAndTheHint() {
        files.add(
                "1_fn",
                "-- a comment line\n"
                        + "CREATE TABLE t (id int);\n"
                        + "\n"
                        + "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\n"
                        + "SELECT f(\n"
                        + "  'unexpected'\n"
                        + ");");

        assertThatThrownBy(() -> slipway().migrate()).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.getStatement()).isEqualTo(3);
            assertThat(e.getLine()).isEqualTo(5);
            assertThat(e.getHint()).contains("argument");
            assertThat(e.getMessage()).contains("-> hint: ").contains("line 5 of the file");
        });
    }

    @Test
    void nonTransactionalMigrationRunsStatementByStatementAndRecordsItsSteps() {
        files.add("1_create", "CREATE TABLE t (id int, v int);")
                .add("2_index", "CREATE INDEX CONCURRENTLY t_v ON t (v);\nVACUUM t;");

        MigrateResult result = slipway().migrate();

        assertThat(result.applied()).extracting(MigrationInfo::transactional).containsExactly(true, false);
        assertThat(db.queryString("SELECT applied_steps FROM " + schema + ".slipway_migrations WHERE version = '2'"))
                .isEqualTo("2");
        assertThat(db.queryString("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 't_v'"))
                .isEqualTo("t");
    }

    @Test
    void failedNonTransactionalMigrationResumesAtTheFailedStatement() {
        files.add(
                "1_steps",
                "-- slipway:transaction off\n"
                        + "CREATE TABLE a (id int);\n"
                        + "CREATE TABLE b (id int REFERENCES missing);\n"
                        + "CREATE TABLE c (id int);");

        assertThatThrownBy(() -> slipway().migrate()).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.getStatement()).isEqualTo(2);
            assertThat(e.getMessage())
                    .contains("1 of its 3 statements are applied")
                    .contains("resumes at statement 2");
        });
        assertThat(db.queryString(
                        "SELECT applied_steps || ' ' || (logs IS NOT NULL) FROM " + schema + ".slipway_migrations"))
                .isEqualTo("1 true");

        files.add(
                "1_steps",
                "-- slipway:transaction off\n"
                        + "CREATE TABLE a (id int);\n"
                        + "CREATE TABLE b (id int);\n"
                        + "CREATE TABLE c (id int);");
        MigrateResult resumed = slipway().migrate();

        assertThat(resumed.appliedCount()).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"
                        + " AND tablename IN ('a', 'b', 'c')"))
                .isEqualTo(3);
        assertThat(slipway().status().isUpToDate()).isTrue();
    }

    @Test
    void reportsEveryEventToListeners() {
        files.add("1_a", "CREATE TABLE a (id int);").add("2_b", "CREATE TABLE b (id int);");
        List<String> events = new CopyOnWriteArrayList<>();
        SlipwayListener listener = new SlipwayListener() {
            @Override
            public void lockAcquired(Duration waited) {
                events.add("lock");
            }

            @Override
            public void migrationStarted(MigrationInfo migration) {
                events.add("started " + migration.id());
            }

            @Override
            public void migrationApplied(MigrationInfo migration, Duration duration) {
                events.add("applied " + migration.id() + " " + migration.state());
            }
        };

        slipway(listener).migrate();

        assertThat(events)
                .containsExactly("lock", "started 1_a", "applied 1_a APPLIED", "started 2_b", "applied 2_b APPLIED");
    }

    @Test
    void aThrowingListenerDoesNotStopMigrations() {
        files.add("1_a", "CREATE TABLE a (id int);");
        SlipwayListener broken = new SlipwayListener() {
            @Override
            public void migrationStarted(MigrationInfo migration) {
                throw new IllegalStateException("listener bug");
            }
        };

        assertThat(slipway(broken).migrate().appliedCount()).isEqualTo(1);
    }

    @Test
    void putsTheBorrowedConnectionsSettingsBack() throws Exception {
        files.add("1_a", "-- slipway:lock-timeout 3s\nCREATE TABLE a (id int);");
        try (Connection c = db.connect()) {
            SingleConnectionDataSource single = new SingleConnectionDataSource(c);
            List<String> before = settings(c);

            Slipway.builder(single)
                    .config(files.config().schema(schema).build())
                    .build()
                    .migrate();

            assertThat(settings(c)).isEqualTo(before);
            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    @Test
    void runsMigrationsWithTheConfiguredSchemaFirstOnTheSearchPath() {
        files.add("1_a", "CREATE TABLE placed (id int);");

        slipway().migrate();

        assertThat(db.queryLong(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'placed'"))
                .isEqualTo(1);
    }

    @Test
    void quotesTheSchemaAndTableNames() {
        files.add("1_a", "CREATE TABLE a (id int);");

        Slipway.builder(db.dataSource())
                .config(files.config()
                        .schema("Odd \"Schema\"")
                        .table("History Table")
                        .build())
                .build()
                .migrate();

        assertThat(db.queryLong("SELECT count(*) FROM \"Odd \"\"Schema\"\"\".\"History Table\""))
                .isEqualTo(1);
    }

    private static List<String> settings(Connection c) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT current_setting('lock_timeout'), current_setting('statement_timeout'),"
                                + " current_setting('search_path'), current_setting('application_name')")) {
            rs.next();
            for (int i = 1; i <= 4; i++) {
                values.add(rs.getString(i));
            }
        }
        return values;
    }
}
