package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.history.HistoryTable;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeatable migrations ({@code R__<description>.sql}) on a real PostgreSQL: applied after the versioned migrations of
 * a run, in description order, again whenever they change, each in its own transaction with its history row.
 */
@ExtendWith(PostgresExtension.class)
class RepeatableMigrationTest {

    private static final String CREATE_USERS = "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
            + "CREATE TABLE run_log (n serial PRIMARY KEY, what text NOT NULL);\n";
    private static final String ADD_EMAIL = "ALTER TABLE users ADD COLUMN email text;\n";
    /** A function the view of {@link #VIEW} calls: the view can only be created after it. */
    private static final String FUNCTION = "CREATE OR REPLACE FUNCTION user_label(name text, email text)"
            + " RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT name || ' <' || coalesce(email, '?') || '>' $$;\n"
            + "INSERT INTO run_log (what) VALUES ('a_functions');\n";

    private static final String VIEW = "CREATE OR REPLACE VIEW user_labels AS\n"
            + "  SELECT id, user_label(name, email) AS label FROM users;\n"
            + "INSERT INTO run_log (what) VALUES ('b_views');\n";

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    RepeatableMigrationTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("r_", test);
    }

    private Slipway slipway(SlipwayListener... listeners) {
        return slipway(files.config().schema(schema), listeners);
    }

    private Slipway slipway(SlipwayConfig.Builder config, SlipwayListener... listeners) {
        Slipway.Builder builder = Slipway.builder(db.dataSource()).config(config.build());
        for (SlipwayListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    /** Versioned 1 and 2, then R__a_functions and R__b_views, whose view calls the function and reads column email. */
    private void usersWithLabels() {
        files.add("1_create_users", CREATE_USERS)
                .add("2_add_email", ADD_EMAIL)
                .addFile("R__b_views.sql", VIEW)
                .addFile("views/R__a_functions.sql", FUNCTION);
    }

    private List<String> history() {
        return db.queryStrings("SELECT version || ' ' || name || ' ' || coalesce(kind, '-') || ' '"
                + " || (finished_at IS NOT NULL) FROM " + schema + ".slipway_migrations ORDER BY started_at, id");
    }

    private String checksumOf(String id) {
        return slipway().status().migrations().stream()
                .filter(m -> m.id().equals(id))
                .findFirst()
                .orElseThrow()
                .checksum();
    }

    @Test
    void appliesRepeatableMigrationsAfterTheVersionedOnesInDescriptionOrder() {
        usersWithLabels();
        List<String> started = new CopyOnWriteArrayList<>();
        List<MigrationInfo> appliedEvents = new CopyOnWriteArrayList<>();

        MigrateResult result = slipway(new SlipwayListener() {
                    @Override
                    public void migrationStarted(MigrationInfo migration) {
                        started.add(migration.id());
                    }

                    @Override
                    public void migrationApplied(MigrationInfo migration, Duration duration) {
                        appliedEvents.add(migration);
                    }
                })
                .migrate();

        assertThat(result.applied())
                .extracting(MigrationInfo::id)
                .containsExactly("1_create_users", "2_add_email", "R__a_functions", "R__b_views");
        assertThat(started).containsExactly("1_create_users", "2_add_email", "R__a_functions", "R__b_views");
        assertThat(appliedEvents).filteredOn(MigrationInfo::repeatable).allSatisfy(m -> {
            assertThat(m.version()).isNull();
            assertThat(m.state()).isEqualTo(MigrationState.APPLIED);
            assertThat(m.appliedChecksum()).isEqualTo(m.checksum());
        });
        assertThat(db.queryStrings("SELECT what FROM " + schema + ".run_log ORDER BY n"))
                .containsExactly("a_functions", "b_views");
        db.execute("INSERT INTO " + schema + ".users VALUES (1, 'ada', 'ada@example.org')");
        assertThat(db.queryString("SELECT label FROM " + schema + ".user_labels"))
                .isEqualTo("ada <ada@example.org>");
        assertThat(history())
                .containsExactly(
                        "1 create_users - true", "2 add_email - true", "R a_functions - true", "R b_views - true");
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version = 'R'"
                        + " AND phase = 'expand' AND applied_steps = 2 AND checksum ~ '^[0-9a-f]{64}$'"))
                .isEqualTo(2);
    }

    @Test
    void aRestartAppliesNothingWithoutWaitingForTheLockAndStatusShowsRepeatablesApplied() throws Exception {
        usersWithLabels();
        slipway().migrate();
        long key = AdvisoryLock.keyFor(schema, "slipway_migrations");
        try (Connection other = db.connect();
                Statement s = other.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + key + ")");
            Slipway impatient = slipway(files.config().schema(schema).lockWaitTimeout(Duration.ZERO));

            assertThat(impatient.migrate().appliedCount()).isZero();

            MigrationStatus status = impatient.status();
            assertThat(status.isUpToDate()).isTrue();
            assertThat(status.migrations())
                    .extracting(MigrationInfo::id)
                    .containsExactly("1_create_users", "2_add_email", "R__a_functions", "R__b_views");
            assertThat(status.migrations())
                    .filteredOn(MigrationInfo::repeatable)
                    .hasSize(2)
                    .allSatisfy(m -> {
                        assertThat(m.state()).isEqualTo(MigrationState.APPLIED);
                        assertThat(m.version()).isNull();
                        assertThat(m.checksum()).isEqualTo(m.appliedChecksum());
                        assertThat(m.source()).endsWith(".sql").contains("R__");
                        assertThat(m.transactional()).isTrue();
                        assertThat(m.finishedAt()).isNotNull();
                    });

            // a changed repeatable is not up to date: this start needs the lock, which it cannot get
            files.addFile("R__b_views.sql", VIEW.replace("AS label FROM", "AS label, email FROM"));
            assertThatThrownBy(impatient::migrate).isInstanceOf(LockWaitTimeoutException.class);
        }
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".run_log")).isEqualTo(2);
    }

    @Test
    void changingOneRepeatableAppliesOnlyThatOneAgainAndTheHistoryKeepsEveryApply() {
        usersWithLabels();
        slipway().migrate();
        String before = checksumOf("R__b_views");

        files.addFile("R__b_views.sql", VIEW.replace("AS label FROM", "AS label, email FROM"));
        MigrationStatus status = slipway().status();
        assertThat(status.isUpToDate()).isFalse();
        assertThat(status.pending()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("R__b_views");
            assertThat(m.state()).isEqualTo(MigrationState.PENDING);
            assertThat(m.appliedChecksum()).isEqualTo(before);
            assertThat(m.checksum()).isNotEqualTo(before);
            assertThat(m.error()).isNull();
        });

        MigrateResult result = slipway().migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("R__b_views");
        assertThat(db.queryStrings("SELECT what FROM " + schema + ".run_log ORDER BY n"))
                .containsExactly("a_functions", "b_views", "b_views");
        assertThat(history())
                .containsExactly(
                        "1 create_users - true",
                        "2 add_email - true",
                        "R a_functions - true",
                        "R b_views - true",
                        "R b_views - true");
        assertThat(db.queryStrings("SELECT checksum FROM " + schema + ".slipway_migrations WHERE name = 'b_views'"
                        + " ORDER BY started_at"))
                .containsExactly(before, checksumOf("R__b_views"));
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + schema
                        + "' AND table_name = 'user_labels' AND column_name = 'email'"))
                .isEqualTo(1);
        assertThat(slipway().status().isUpToDate()).isTrue();
        assertThat(slipway().migrate().appliedCount()).isZero();
    }

    @Test
    void aRepeatableMayUseAColumnThatAVersionedMigrationOfTheSameRunAdds() {
        files.add("1_create_users", CREATE_USERS).addFile("R__a_functions.sql", FUNCTION);
        slipway().migrate();

        // one run: the versioned migration adds the column, the new repeatable reads it
        files.add("2_add_email", ADD_EMAIL).addFile("R__b_views.sql", VIEW);
        MigrateResult result = slipway().migrate();

        assertThat(result.applied()).extracting(MigrationInfo::id).containsExactly("2_add_email", "R__b_views");
        db.execute("INSERT INTO " + schema + ".users VALUES (1, 'ada', NULL)");
        assertThat(db.queryString("SELECT label FROM " + schema + ".user_labels"))
                .isEqualTo("ada <?>");
    }

    @Test
    void aFailingRepeatableLeavesNothingBehindNamesFileAndLineAndRunsAgainOnTheNextStart() {
        files.add("1_create_users", CREATE_USERS)
                .addFile("R__a_functions.sql", FUNCTION)
                .addFile(
                        "R__b_broken.sql",
                        "CREATE OR REPLACE FUNCTION b_helper() RETURNS int LANGUAGE sql"
                                + " AS $$ SELECT 1 $$;\n"
                                + "INSERT INTO run_log (what) VALUES ('b_broken');\n"
                                + "SELECT\n  no_such_column\nFROM users;\n");

        MigrationFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                MigrationFailedException.class, () -> slipway().migrate());

        assertThat(failure.getSource()).endsWith("R__b_broken.sql");
        assertThat(failure.getLine()).isEqualTo(4);
        assertThat(failure.getStatement()).isEqualTo(3);
        assertThat(failure.getVersion()).isNull();
        assertThat(failure.getMigrationName()).isEqualTo("b_broken");
        assertThat(failure.getMigrationId()).isEqualTo("R__b_broken");
        assertThat(failure.getMessage())
                .contains(
                        "Migration R__b_broken failed at statement 3 (line 4)",
                        "R__b_broken.sql",
                        "no_such_column",
                        "Nothing of this migration was applied");
        // what ran before it stays; nothing of it does
        assertThat(db.queryStrings("SELECT what FROM " + schema + ".run_log ORDER BY n"))
                .containsExactly("a_functions");
        assertThat(db.queryLong("SELECT count(*) FROM pg_proc WHERE proname = 'b_helper'"))
                .isZero();
        assertThat(history()).containsExactly("1 create_users - true", "R a_functions - true", "R b_broken - false");
        assertThat(slipway().status().migrations())
                .filteredOn(m -> m.id().equals("R__b_broken"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.state()).isEqualTo(MigrationState.PENDING);
                    assertThat(m.appliedChecksum()).isNull();
                    assertThat(m.error()).contains("no_such_column", "line 4");
                });
        assertThat(slipway().validate().isValid()).isTrue();

        files.addFile(
                "R__b_broken.sql",
                "CREATE OR REPLACE FUNCTION b_helper() RETURNS int LANGUAGE sql"
                        + " AS $$ SELECT 1 $$;\n"
                        + "INSERT INTO run_log (what) VALUES ('b_broken');\n"
                        + "SELECT\n  name\nFROM users;\n");
        MigrateResult retry = slipway().migrate();

        assertThat(retry.applied()).extracting(MigrationInfo::id).containsExactly("R__b_broken");
        assertThat(db.queryStrings("SELECT what FROM " + schema + ".run_log ORDER BY n"))
                .containsExactly("a_functions", "b_broken");
        assertThat(history())
                .containsExactly(
                        "1 create_users - true", "R a_functions - true", "R b_broken - false", "R b_broken - true");
        assertThat(slipway().status().isUpToDate()).isTrue();
    }

    @Test
    void twoInstancesRacingApplyEachRepeatableOnce() throws Exception {
        usersWithLabels();
        assertThat(race(4)).isEqualTo(4);
        assertThat(db.queryStrings("SELECT what FROM " + schema + ".run_log ORDER BY n"))
                .containsExactly("a_functions", "b_views");

        files.addFile("R__b_views.sql", VIEW + "SELECT pg_sleep(0.2);\n");
        assertThat(race(1)).isEqualTo(1);

        assertThat(db.queryStrings("SELECT what FROM " + schema + ".run_log ORDER BY n"))
                .containsExactly("a_functions", "b_views", "b_views");
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".slipway_migrations WHERE version = 'R'"))
                .isEqualTo(3);
    }

    /** Two instances, each on its own connection and thread, call migrate() at once; returns how many they applied. */
    private int race(int expectedInTotal) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(pool.submit(() -> {
                Slipway slipway = slipway();
                start.await();
                return slipway.migrate();
            }));
        }
        start.countDown();
        int applied = 0;
        for (Future<MigrateResult> result : results) {
            applied += result.get(2, TimeUnit.MINUTES).appliedCount();
        }
        pool.shutdown();
        assertThat(applied).isEqualTo(expectedInTotal);
        return applied;
    }

    @Test
    void aRemovedRepeatableIsMissingWithoutFailingValidationOrTheNextStart() {
        usersWithLabels();
        slipway().migrate();

        files.deleteFile("R__b_views.sql");
        MigrationStatus status = slipway().status();

        assertThat(status.migrations())
                .filteredOn(m -> m.id().equals("R__b_views"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.state()).isEqualTo(MigrationState.MISSING);
                    assertThat(m.version()).isNull();
                    assertThat(m.source()).isNull();
                    assertThat(m.appliedChecksum()).isNotNull();
                });
        assertThat(status.isUpToDate()).isTrue();
        assertThat(slipway().validate().problems()).isEmpty();
        assertThat(slipway().migrate().appliedCount()).isZero();
        // the view stays: removing the file runs nothing
        assertThat(db.queryLong("SELECT count(*) FROM pg_views WHERE schemaname = '" + schema
                        + "' AND viewname = 'user_labels'"))
                .isEqualTo(1);
    }

    @Test
    void anOlderInstanceThatDoesNotShipARepeatableStartsAndStaysValid() {
        usersWithLabels();
        slipway().migrate();
        files.addFile("R__c_added_by_newer_version.sql", "CREATE OR REPLACE VIEW newest AS SELECT 1 AS one;\n");
        slipway().migrate();
        files.deleteFile("R__c_added_by_newer_version.sql");

        assertThat(slipway().migrate().appliedCount()).isZero();
        assertThat(slipway().validate().isValid()).isTrue();
        assertThat(slipway().status().inState(MigrationState.MISSING))
                .extracting(MigrationInfo::id)
                .containsExactly("R__c_added_by_newer_version");
    }

    @Test
    void aRepeatableRecordedByABaselineCountsAsAppliedUntilItChanges() throws Exception {
        usersWithLabels();
        slipway().migrate();
        // as an import from another tool's history records it: a row of kind baseline
        db.execute("DELETE FROM " + schema + ".slipway_migrations WHERE name = 'b_views'");
        try (Connection c = db.connect()) {
            new HistoryTable(schema, "slipway_migrations")
                    .insertRecorded(
                            c,
                            new HistoryTable.Recorded(
                                    UUID.randomUUID(),
                                    HistoryRow.REPEATABLE,
                                    "b_views",
                                    checksumOf("R__b_views"),
                                    "expand",
                                    null,
                                    null,
                                    null,
                                    null,
                                    "flyway_schema_history",
                                    HistoryRow.BASELINE));
        }

        assertThat(slipway().migrate().appliedCount()).isZero();
        assertThat(slipway().status().migrations())
                .filteredOn(m -> m.id().equals("R__b_views"))
                .singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo(MigrationState.BASELINE));
        assertThat(slipway().status().isUpToDate()).isTrue();

        files.addFile("R__b_views.sql", VIEW.replace("AS label FROM", "AS label, email FROM"));
        assertThat(slipway().migrate().applied()).extracting(MigrationInfo::id).containsExactly("R__b_views");
        assertThat(history()).containsSubsequence("R b_views baseline true", "R b_views - true");
    }

    @Test
    void aRepeatableThatCannotRunInATransactionRunsStatementByStatementAndAgainWholeAfterAFailure() {
        files.add("1_create_users", CREATE_USERS)
                .addFile(
                        "R__indexes.sql",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users (name);\n"
                                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_broken ON users (no_such_column);\n");

        MigrationFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                MigrationFailedException.class, () -> slipway().migrate());

        assertThat(failure.getSource()).endsWith("R__indexes.sql");
        assertThat(failure.getLine()).isEqualTo(2);
        assertThat(failure.getMessage())
                .contains("1 of its 2 statements are applied", "applies it again from its first statement");
        assertThat(db.queryStrings("SELECT applied_steps || ' ' || (logs IS NOT NULL) || ' ' || (finished_at IS NULL)"
                        + " FROM " + schema + ".slipway_migrations WHERE version = 'R'"))
                .containsExactly("1 true true");
        MigrationInfo pending = slipway().status().migrations().stream()
                .filter(MigrationInfo::repeatable)
                .findFirst()
                .orElseThrow();
        assertThat(pending.state()).isEqualTo(MigrationState.PENDING);
        assertThat(pending.transactional()).isFalse();
        assertThat(pending.error()).contains("no_such_column");
        assertThat(slipway().validate().isValid()).isTrue();

        files.addFile(
                "R__indexes.sql",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_name ON users (name);\n"
                        + "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_id_name ON users (id, name);\n");
        assertThat(slipway().migrate().applied()).extracting(MigrationInfo::id).containsExactly("R__indexes");

        assertThat(db.queryStrings("SELECT applied_steps || ' ' || (logs IS NOT NULL) || ' ' || (finished_at IS NULL)"
                        + " FROM " + schema + ".slipway_migrations WHERE version = 'R' ORDER BY started_at"))
                .containsExactly("1 true true", "2 false false");
        assertThat(db.queryStrings("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "'"
                        + " AND i.indisvalid AND c.relname LIKE 'users_%' ORDER BY 1"))
                .containsExactly("users_id_name", "users_name", "users_pkey");
        assertThat(slipway().status().isUpToDate()).isTrue();
    }

    @Test
    void aRepeatableWaitsForItsLockWithItsOwnLockTimeoutAndRetries() throws Exception {
        files.add("1_create_users", CREATE_USERS);
        slipway().migrate();
        files.addFile(
                "R__views.sql",
                "-- slipway:lock-timeout 100ms\n" + "CREATE OR REPLACE VIEW user_names AS SELECT name FROM users;\n");
        List<LockTimeoutRetry> retries = new CopyOnWriteArrayList<>();
        Slipway slipway = slipway(
                files.config()
                        .schema(schema)
                        .ddlLockTimeout(Duration.ofSeconds(30))
                        .ddlRetryBudget(Duration.ofMinutes(1)),
                new SlipwayListener() {
                    @Override
                    public void lockTimeoutRetry(LockTimeoutRetry retry) {
                        retries.add(retry);
                    }
                });

        CompletableFuture<MigrateResult> migration;
        try (Connection longTx = db.connect()) {
            longTx.setAutoCommit(false);
            try (Statement s = longTx.createStatement()) {
                s.execute("LOCK TABLE " + schema + ".users IN ACCESS EXCLUSIVE MODE");
            }
            migration = CompletableFuture.supplyAsync(slipway::migrate);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (retries.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(migration).isNotDone();
            longTx.commit();
        }

        assertThat(migration.get(1, TimeUnit.MINUTES).applied())
                .extracting(MigrationInfo::id)
                .containsExactly("R__views");
        assertThat(retries).hasSizeGreaterThanOrEqualTo(2).allSatisfy(retry -> {
            assertThat(retry.version()).isNull();
            assertThat(retry.name()).isEqualTo("views");
            assertThat(retry.line()).isEqualTo(2);
        });
    }

    @Test
    void theLinterChecksARepeatableAgainstWhatTheVersionedMigrationsOfTheRunCreate() {
        files.add("1_create_users", CREATE_USERS);
        slipway().migrate();

        // a table created in the same run is new: an index on it blocks nobody
        files.add("2_create_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n")
                .addFile("R__indexes.sql", "CREATE INDEX IF NOT EXISTS orders_user ON orders (user_id);\n");
        assertThat(slipway(files.config().schema(schema).lintMode(LintMode.FAIL))
                        .migrate()
                        .applied())
                .extracting(MigrationInfo::id)
                .containsExactly("2_create_orders", "R__indexes");

        // users is live: a plain CREATE INDEX on it locks out writes while it builds
        files.addFile(
                "R__indexes.sql",
                "CREATE INDEX IF NOT EXISTS orders_user ON orders (user_id);\n"
                        + "CREATE INDEX IF NOT EXISTS users_name ON users (name);\n");
        assertThatThrownBy(() -> slipway(files.config().schema(schema).lintMode(LintMode.FAIL))
                        .migrate())
                .isInstanceOfSatisfying(
                        MigrationLintException.class,
                        e -> assertThat(e.getErrors())
                                .filteredOn(f -> f.rule().equals("require-concurrent-index-creation") && f.line() == 2)
                                .singleElement()
                                .satisfies(f -> {
                                    assertThat(f.migration()).isEqualTo("R__indexes");
                                    assertThat(f.source()).endsWith("R__indexes.sql");
                                }));
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema
                        + "' AND indexname = 'users_name'"))
                .isZero();
    }

    @Test
    void theDataLossChecksGuardARepeatableToo() {
        files.add("1_create_users", CREATE_USERS);
        slipway().migrate();
        db.execute("INSERT INTO " + schema + ".users VALUES (1, 'ada')");
        files.addFile("R__cleanup.sql", "ALTER TABLE users DROP COLUMN IF EXISTS name;\n");

        assertThatThrownBy(() -> slipway(files.config().schema(schema).lintMode(LintMode.OFF))
                        .migrate())
                .isInstanceOfSatisfying(MigrationDataLossException.class, e -> {
                    assertThat(e.getMigrationId()).isEqualTo("R__cleanup");
                    assertThat(e.getSource()).endsWith("R__cleanup.sql");
                    assertThat(e.getRowCount()).isEqualTo(1);
                });
        assertThat(db.queryString("SELECT name FROM " + schema + ".users")).isEqualTo("ada");
    }

    @Test
    void contractAndRollbackLeaveRepeatablesAlone() {
        files.add("1_create_users", CREATE_USERS).add("2_add_email", ADD_EMAIL).addFile("R__a_functions.sql", FUNCTION);
        files.addFile("2_add_email/down.sql", "ALTER TABLE users DROP COLUMN email;\n");
        slipway().migrate();
        files.addFile("R__a_functions.sql", FUNCTION + "SELECT 1;\n");

        assertThat(slipway().contract().applied()).isEmpty();
        assertThat(slipway().rollback("1")).extracting(MigrationInfo::id).containsExactly("2_add_email");

        MigrationStatus status = slipway().status();
        assertThat(status.migrations())
                .extracting(MigrationInfo::id, MigrationInfo::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1_create_users", MigrationState.APPLIED),
                        org.assertj.core.groups.Tuple.tuple("2_add_email", MigrationState.ROLLED_BACK),
                        org.assertj.core.groups.Tuple.tuple("R__a_functions", MigrationState.PENDING));
        assertThatThrownBy(() -> slipway().resolve("R__a_functions", Resolution.APPLIED))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("repeatable migration");
        assertThat(slipway().migrate().applied())
                .extracting(MigrationInfo::id)
                .containsExactly("2_add_email", "R__a_functions");
    }

    @Test
    void aRepeatableMayNotBeAContractMigrationNorWaitForABackfill() {
        files.add("1_create_users", CREATE_USERS)
                .addFile("R__views.sql", "-- views of users\n-- slipway:phase contract\nSELECT 1;\n");

        assertThatThrownBy(() -> slipway().migrate()).isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
            assertThat(e.getSource()).endsWith("R__views.sql");
            assertThat(e.getLine()).isEqualTo(2);
            assertThat(e.getMessage()).contains("cannot be a contract migration");
        });
        assertThat(db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'"))
                .isZero();

        files.addFile("R__views.sql", "-- slipway:requires-backfill users_email\nSELECT 1;\n");
        assertThatThrownBy(() -> slipway().migrate()).isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
            assertThat(e.getSource()).endsWith("R__views.sql");
            assertThat(e.getLine()).isEqualTo(1);
            assertThat(e.getMessage()).contains("cannot wait for backfills");
        });
    }
}
