package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.slipway.migrate.test.DdlLog;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A database that the real Flyway migrated, taken over by Slipway on its first {@code migrate()}: Flyway's history is
 * imported as {@code BASELINE} rows and nothing runs again (event triggers log every DDL command Slipway sends), or,
 * when the history does not match the files, the import is refused with every problem and nothing is written.
 */
@ExtendWith(PostgresExtension.class)
class FlywayAdoptionTest {

    private static final String FLYWAY_TABLE = "flyway_schema_history";

    private final TestDatabase classDb;

    FlywayAdoptionTest(TestDatabase classDb) {
        this.classDb = classDb;
    }

    /**
     * A small project as Flyway users write them: dotted versions (V1_1 is 1.1; V10 after V2), a
     * {@code CREATE INDEX CONCURRENTLY} that Flyway runs outside a transaction, a file with CRLF line endings,
     * repeatable views and functions (one with a byte order mark).
     */
    private static FlywayFixture smallProject(Path dir) {
        return new FlywayFixture(dir.resolve("db/migration"))
                .write("V1__create_customers.sql", """
                        CREATE TABLE customers (
                            id bigint PRIMARY KEY,
                            name text NOT NULL,
                            email text
                        );
                        """)
                .write("V1_1__customer_email_index.sql", "CREATE UNIQUE INDEX customers_email ON customers (email);\n")
                .write(
                        "V2__create_orders.sql",
                        "CREATE TABLE orders (\r\n"
                                + "    id bigint PRIMARY KEY,\r\n"
                                + "    customer_id bigint NOT NULL REFERENCES customers,\r\n"
                                + "    total_cents bigint NOT NULL\r\n"
                                + ");\r\n"
                                + "INSERT INTO customers VALUES (1, 'Zoë', 'zoe@example.com');\r\n"
                                + "INSERT INTO orders VALUES (1, 1, 1250), (2, 1, 800);\r\n")
                .write(
                        "V10__orders_customer_index.sql",
                        "CREATE INDEX CONCURRENTLY orders_customer_id ON orders (customer_id);\n")
                .write("R__customer_totals_view.sql", """
                        CREATE OR REPLACE VIEW customer_totals AS
                        SELECT c.id, c.name, coalesce(sum(o.total_cents), 0) AS total_cents
                        FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
                        GROUP BY c.id, c.name;
                        """)
                .write(
                        "R__order_count_function.sql",
                        "\uFEFFCREATE OR REPLACE FUNCTION order_count(customer bigint)"
                                + " RETURNS bigint\nLANGUAGE sql STABLE AS $$\n"
                                + "    SELECT count(*) FROM orders WHERE customer_id = customer\n$$;\n");
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void importsASmallFlywayProjectWithoutRunningAnyDdlAndAppliesANewMigrationAfter(@TempDir Path dir)
            throws Exception {
        TestDatabase db = classDb.createAnother("small");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(6);
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);
        DdlLog ddl = DdlLog.install(db);
        String schemaBefore = HistoriesOnAFreshDatabaseTest.schemaOf(db);

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(project.slipway().build())
                .build();
        List<MigrateResult> results = new ArrayList<>();
        List<String> log = StandardErrorCapture.linesWrittenBy(() -> results.add(slipway.migrate()));

        assertThat(results.get(0).appliedCount()).isZero();
        assertThat(ddl.tagged())
                .as("DDL run by Slipway's import")
                .isNotEmpty()
                .allSatisfy(command -> assertThat(command).matches("\\S+( \\S+)* public\\.slipway_\\w+"));
        assertThat(HistoriesOnAFreshDatabaseTest.schemaOf(db))
                .as("schema after the import")
                .isEqualTo(schemaBefore);
        assertThat(FlywayFixture.digest(db, FLYWAY_TABLE))
                .as("Flyway's table after the import")
                .isEqualTo(flywayBefore);
        assertThat(log)
                .anySatisfy(line -> assertThat(line)
                        .contains("Imported the history of Flyway from "
                                + "public.flyway_schema_history into public.slipway_migrations: 4 versioned migrations and 2 "
                                + "repeatable ones; 0 migrations not applied yet"));

        MigrationStatus status = slipway.status();
        List<MigrationInfo> versioned =
                status.migrations().stream().filter(m -> !m.repeatable()).toList();
        assertThat(versioned).extracting(MigrationInfo::version).containsExactly("1", "1.1", "2", "10");
        assertThat(versioned).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(MigrationState.BASELINE);
            assertThat(m.appliedBy()).startsWith("flyway_schema_history (installed by " + db.username() + ", rank ");
        });
        assertThat(versioned.get(3).appliedBy())
                .isEqualTo("flyway_schema_history (installed by " + db.username() + ", rank 4)");
        assertThat(db.queryStrings("SELECT version || ' ' || name || ' ' || kind || ' ' || (execution_ms IS NOT NULL)"
                        + " || ' ' || (finished_at = started_at + execution_ms * interval '1 millisecond')"
                        + " FROM slipway_migrations ORDER BY started_at, name"))
                .containsExactly(
                        "1 create_customers baseline true true", "1.1 customer_email_index baseline true true",
                        "2 create_orders baseline true true", "10 orders_customer_index baseline true true",
                        "R customer_totals_view baseline true true", "R order_count_function baseline true true");
        assertThat(
                        db.queryLong(
                                "SELECT count(*) FROM slipway_migrations s JOIN flyway_schema_history f"
                                        + " ON f.installed_on::timestamptz = s.started_at AND f.description = replace(s.name, '_', ' ')"))
                .as("rows that kept Flyway's installed_on")
                .isEqualTo(6);
        assertImportedRepeatablesAreBaseline(status, List.of("R__customer_totals_view", "R__order_count_function"));

        project.write("V11__create_audit_log.sql", "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);\n");
        MigrateResult next = Slipway.builder(db.dataSource())
                .config(project.slipway().build())
                .build()
                .migrate();

        assertThat(next.appliedCount()).isEqualTo(1);
        assertThat(ddl.tagged()).contains("CREATE TABLE public.audit_log");
        MigrationInfo added = slipway.status().migrations().stream()
                .filter(m -> "11".equals(m.version()))
                .findFirst()
                .orElseThrow();
        assertThat(added.state()).isEqualTo(MigrationState.APPLIED);
        assertThat(slipway.status().migrations().stream()
                        .filter(m -> !m.repeatable())
                        .map(MigrationInfo::state))
                .containsExactly(
                        MigrationState.BASELINE,
                        MigrationState.BASELINE,
                        MigrationState.BASELINE,
                        MigrationState.BASELINE,
                        MigrationState.APPLIED);
    }

    /** Each imported repeatable migration reads {@code BASELINE}: up to date, it does not run again. */
    private static void assertImportedRepeatablesAreBaseline(MigrationStatus status, List<String> ids) {
        List<MigrationInfo> repeatables =
                status.migrations().stream().filter(MigrationInfo::repeatable).toList();
        assertThat(repeatables).extracting(MigrationInfo::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(repeatables).extracting(MigrationInfo::state).containsOnly(MigrationState.BASELINE);
    }

    @Test
    void importsARealFlywayHistoryOf108MigrationsWithoutChangingTheSchema() {
        TestDatabase db = classDb.createAnother("history");
        String location = "classpath:histories/flyway";
        FlywayFixture.flyway(db, location).mixed(true).load().migrate();
        int files = Histories.migrationFilesInVersionOrder("flyway").size();
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(files);
        DdlLog ddl = DdlLog.install(db);
        String schemaBefore = HistoriesOnAFreshDatabaseTest.schemaOf(db);

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(SlipwayConfig.builder().locations(location).build())
                .build();
        MigrateResult result = slipway.migrate();

        assertThat(result.appliedCount()).isZero();
        assertThat(ddl.tagged())
                .allSatisfy(command -> assertThat(command).matches("\\S+( \\S+)* public\\.slipway_\\w+"));
        assertThat(HistoriesOnAFreshDatabaseTest.schemaOf(db)).isEqualTo(schemaBefore);
        assertThat(slipway.status().migrations())
                .hasSize(files)
                .allSatisfy(m -> assertThat(m.state()).isEqualTo(MigrationState.BASELINE));
        assertThat(db.queryLong("SELECT count(DISTINCT version) FROM slipway_migrations"))
                .isEqualTo(files);
    }

    @Test
    void refusesAFileEditedAfterFlywayAppliedItNamingBothChecksums(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("edited");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);
        String stored = db.queryString("SELECT checksum FROM flyway_schema_history WHERE version = '1.1'");
        project.write(
                "V1_1__customer_email_index.sql", "CREATE UNIQUE INDEX customers_email ON customers (lower(email));\n");
        String flywaysValidate = flywayValidateMessage(project, db);
        java.util.regex.Matcher resolved = java.util.regex.Pattern.compile("Resolved locally\\s*:\\s*(-?\\d+)")
                .matcher(flywaysValidate);
        assertThat(resolved.find())
                .as("Flyway's own validate says: %s", flywaysValidate)
                .isTrue();
        String now = resolved.group(1);

        MigrationAdoptionException refused = catchThrowableOfType(
                MigrationAdoptionException.class,
                () -> Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build()
                        .migrate());

        assertThat(refused.getSource()).isEqualTo("public.flyway_schema_history");
        assertThat(refused.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo("1.1");
            assertThat(problem.description())
                    .contains(
                            "checksum in flyway_schema_history: " + stored,
                            "Flyway's checksum of the file now: " + now,
                            "V1_1__customer_email_index.sql");
            assertThat(problem.action().toString())
                    .contains("restore the file as Flyway applied it", "flyway repair", "new migration");
        });
        assertThat(flywaysValidate).as("Flyway's own validate").contains(stored);
        assertThat(refused.getMessage()).contains("Nothing was imported and no migration ran.");
        FlywayFixture.assertNothingWritten(db, FLYWAY_TABLE, flywayBefore);
    }

    private static String flywayValidateMessage(FlywayFixture project, TestDatabase db) {
        var result = project.flyway(db).load().validateWithResult();
        assertThat(result.validationSuccessful).as("Flyway's own validate").isFalse();
        return result.getAllErrorMessages();
    }

    @Test
    void refusesAMigrationThatFailedUnderFlyway(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("failed");
        FlywayFixture project = smallProject(dir)
                .write(
                        "V11__orders_total_index.sql",
                        "CREATE INDEX CONCURRENTLY orders_total ON order_lines (total);\n");
        assertThatThrownBy(() -> project.flyway(db).load().migrate()).isInstanceOf(FlywayException.class);
        assertThat(db.queryString("SELECT version || ' ' || success FROM flyway_schema_history"
                        + " ORDER BY installed_rank DESC LIMIT 1"))
                .as("the row Flyway wrote for its failure")
                .isEqualTo("11 false");
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);

        MigrationAdoptionException refused = catchThrowableOfType(
                MigrationAdoptionException.class,
                () -> Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build()
                        .migrate());

        assertThat(refused.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo("11");
            assertThat(problem.description()).contains("latest attempt at it failed", "V11__orders_total_index.sql");
            assertThat(problem.action().toString()).contains("flyway repair");
        });
        FlywayFixture.assertNothingWritten(db, FLYWAY_TABLE, flywayBefore);
    }

    @Test
    void refusesAnAppliedMigrationWhoseFileIsGone(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("missing");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);
        project.delete("V2__create_orders.sql");

        MigrationAdoptionException refused = catchThrowableOfType(
                MigrationAdoptionException.class,
                () -> Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build()
                        .migrate());

        assertThat(refused.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo("2");
            assertThat(problem.description()).contains("V2__create_orders.sql", "no migration file has version 2");
            assertThat(problem.action().toString())
                    .contains("restore the file", "set ignoring missing migrations to true");
        });
        FlywayFixture.assertNothingWritten(db, FLYWAY_TABLE, flywayBefore);
    }

    @Test
    void importsAnAppliedMigrationWithoutItsFileAsMissingWhenMissingMigrationsAreIgnored(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("ignored");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        project.delete("V2__create_orders.sql");
        DdlLog ddl = DdlLog.install(db);

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(project.slipway().ignoreMissing(true).build())
                .build();
        assertThat(slipway.migrate().appliedCount()).isZero();

        assertThat(slipway.status().migrations().stream().filter(m -> !m.repeatable()))
                .extracting(m -> m.version() + " " + m.name() + " " + m.state())
                .containsExactly(
                        "1 create_customers BASELINE",
                        "1.1 customer_email_index BASELINE",
                        "2 create_orders MISSING",
                        "10 orders_customer_index BASELINE");
        assertThat(db.queryString("SELECT applied_by FROM slipway_migrations WHERE version = '2'"))
                .isEqualTo("flyway_schema_history (installed by " + db.username() + ", rank 3, no file)");
        assertThat(ddl.tagged())
                .allSatisfy(command -> assertThat(command).matches("\\S+( \\S+)* public\\.slipway_\\w+"));
    }

    /** A Java migration, as Flyway finds it: version and description from the class name. */
    static final class V3__seed_customers extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute("INSERT INTO customers VALUES (2, 'Ada', 'ada@example.com')");
            }
        }
    }

    @Test
    void refusesAJavaMigrationUnlessMissingMigrationsAreIgnored(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("java");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).javaMigrations(new V3__seed_customers()).load().migrate();
        assertThat(db.queryString("SELECT type FROM flyway_schema_history WHERE version = '3'"))
                .isEqualTo("JDBC");
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);

        MigrationAdoptionException refused = catchThrowableOfType(
                MigrationAdoptionException.class,
                () -> Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build()
                        .migrate());

        assertThat(refused.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo("3");
            assertThat(problem.description()).contains("JDBC migration", "SQL files only");
            assertThat(problem.action().toString()).contains("set ignoring missing migrations to true");
        });
        FlywayFixture.assertNothingWritten(db, FLYWAY_TABLE, flywayBefore);

        Slipway ignoring = Slipway.builder(db.dataSource())
                .config(project.slipway().ignoreMissing(true).build())
                .build();
        assertThat(ignoring.migrate().appliedCount()).isZero();
        assertThat(ignoring.status().migrations().stream().filter(m -> "3".equals(m.version())))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.state()).isEqualTo(MigrationState.MISSING);
                    assertThat(m.name()).isEqualTo("seed_customers");
                });
    }

    @Test
    void refusesAFileBetweenAppliedVersionsThatFlywayNeverApplied(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("between");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);
        project.write("V3__customer_notes.sql", "ALTER TABLE customers ADD COLUMN notes text;\n");

        MigrationAdoptionException refused = catchThrowableOfType(
                MigrationAdoptionException.class,
                () -> Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build()
                        .migrate());

        assertThat(refused.getProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.migration()).isEqualTo("3");
            assertThat(problem.description()).contains("Flyway never applied", "V3__customer_notes.sql", "up to 10");
            assertThat(problem.action().toString()).contains("version above 10", "delete it");
        });
        FlywayFixture.assertNothingWritten(db, FLYWAY_TABLE, flywayBefore);
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE column_name = 'notes'"))
                .isZero();
    }

    @Test
    void listsEveryProblemAtOnce(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("several");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);
        project.write("V1__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY, name text);\n")
                .delete("V1_1__customer_email_index.sql")
                .rename("V2__create_orders.sql", "V2__create_order_table.sql")
                .write("V5__customer_notes.sql", "ALTER TABLE customers ADD COLUMN notes text;\n");

        MigrationAdoptionException refused = catchThrowableOfType(
                MigrationAdoptionException.class,
                () -> Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build()
                        .migrate());

        assertThat(refused.getProblems()).extracting(AdoptionProblem::migration).containsExactly("1", "1.1", "2", "5");
        assertThat(refused.getProblems().get(2).description())
                .contains("\"create orders\"", "V2__create_order_table.sql");
        assertThat(refused.getProblems().get(2).action().toString()).contains("V2__create_orders.sql");
        assertThat(refused.getMessage())
                .startsWith("Cannot take over the history in public.flyway_schema_history: " + "4 problems.");
        FlywayFixture.assertNothingWritten(db, FLYWAY_TABLE, flywayBefore);
    }

    @Test
    void importsAHistoryThatStartsWithAFlywayBaselineOfAnExistingSchema(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("baseline");
        FlywayFixture project = smallProject(dir);
        db.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email text)");
        db.execute("CREATE UNIQUE INDEX customers_email ON customers (email)");
        project.flyway(db).baselineOnMigrate(true).baselineVersion("1.1").load().migrate();
        assertThat(db.queryStrings("SELECT type || ' ' || coalesce(version, '-') FROM flyway_schema_history"
                        + " ORDER BY installed_rank"))
                .containsExactly("BASELINE 1.1", "SQL 2", "SQL 10", "SQL -", "SQL -");
        DdlLog ddl = DdlLog.install(db);

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(project.slipway().build())
                .build();
        assertThat(slipway.migrate().appliedCount()).isZero();

        assertThat(slipway.status().migrations().stream().filter(m -> !m.repeatable()))
                .extracting(m -> m.version() + " " + m.state() + " " + m.appliedBy())
                .containsExactly(
                        "1 BASELINE flyway_schema_history (Flyway baseline 1.1)",
                        "1.1 BASELINE flyway_schema_history (Flyway baseline 1.1)",
                        "2 BASELINE flyway_schema_history (installed by " + db.username() + ", rank 2)",
                        "10 BASELINE flyway_schema_history (installed by " + db.username() + ", rank 3)");
        assertThat(ddl.tagged())
                .allSatisfy(command -> assertThat(command).matches("\\S+( \\S+)* public\\.slipway_\\w+"));
    }

    @Test
    void refusesTheSchemaAsOneWithoutHistoryWhenAdoptionIsOff(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("off");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        String flywayBefore = FlywayFixture.digest(db, FLYWAY_TABLE);

        ExistingSchemaException refused = catchThrowableOfType(
                ExistingSchemaException.class,
                () -> Slipway.builder(db.dataSource())
                        .config(project.slipway().adoptMode(AdoptMode.OFF).build())
                        .build()
                        .migrate());

        assertThat(refused.getOtherHistory()).isEqualTo("public.flyway_schema_history");
        assertThat(refused.getMessage())
                .contains("public.flyway_schema_history is there, but importing it is turned " + "off");
        FlywayFixture.assertNothingWritten(db, FLYWAY_TABLE, flywayBefore);
    }

    @Test
    void importsFlywaysHistoryFromATableWithAnotherName(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("custom");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).table("my_history").load().migrate();
        String flywayBefore = FlywayFixture.digest(db, "my_history");

        assertThatThrownBy(() -> Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build()
                        .migrate())
                .as("without the table's name")
                .isInstanceOf(ExistingSchemaException.class);
        FlywayFixture.assertNothingWritten(db, "my_history", flywayBefore);

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(project.slipway().flywayTable("my_history").build())
                .build();
        assertThat(slipway.migrate().appliedCount()).isZero();
        assertThat(slipway.status().migrations().stream().filter(m -> !m.repeatable()))
                .extracting(MigrationInfo::state, MigrationInfo::appliedBy)
                .allSatisfy(tuple -> {
                    assertThat(tuple.toList().get(0)).isEqualTo(MigrationState.BASELINE);
                    assertThat((String) tuple.toList().get(1)).startsWith("my_history (installed by ");
                })
                .hasSize(4);
    }

    @Test
    void forgetsAMigrationThatFlywayRepairMarkedDeleted(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("deleted");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        project.delete("V1_1__customer_email_index.sql");
        project.flyway(db).load().repair();
        assertThat(db.queryString("SELECT type || ' ' || version FROM flyway_schema_history"
                        + " ORDER BY installed_rank DESC LIMIT 1"))
                .isEqualTo("DELETE 1.1");

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(project.slipway().build())
                .build();
        assertThat(slipway.migrate().appliedCount()).isZero();

        assertThat(db.queryStrings("SELECT version FROM slipway_migrations WHERE version <> 'R' ORDER BY started_at"))
                .containsExactly("1", "2", "10");
    }

    @Test
    void leavesARepeatableMigrationChangedSinceFlywayRanItToRunAgain(@TempDir Path dir) {
        TestDatabase db = classDb.createAnother("changed");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        project.write("R__customer_totals_view.sql", """
                CREATE OR REPLACE VIEW customer_totals AS
                SELECT c.id, c.name, coalesce(sum(o.total_cents), 0) AS total_cents, count(o.id) AS orders
                FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
                GROUP BY c.id, c.name;
                """);
        DdlLog ddl = DdlLog.install(db);

        Slipway slipway = Slipway.builder(db.dataSource())
                .config(project.slipway().build())
                .build();
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);

        assertThat(db.queryStrings("SELECT name || ' ' || coalesce(kind, 'run') FROM slipway_migrations"
                        + " WHERE version = 'R' ORDER BY started_at"))
                .containsExactly("order_count_function baseline", "customer_totals_view run");
        assertThat(ddl.tagged())
                .filteredOn(command -> !command.matches("\\S+( \\S+)* " + "public\\.slipway_\\w+"))
                .as("besides Slipway's tables (replacing a view that gains a column logs it " + "twice)")
                .containsOnly("CREATE VIEW public.customer_totals");
        assertThat(db.queryLong("SELECT orders FROM customer_totals WHERE id = 1"))
                .isEqualTo(2);
        assertThat(slipway.status().migrations())
                .filteredOn(MigrationInfo::repeatable)
                .extracting(m -> m.id() + " " + m.state())
                .containsExactlyInAnyOrder("R__customer_totals_view APPLIED", "R__order_count_function BASELINE");
    }

    @Test
    void fourThreadsStartingTogetherOnAFlywayDatabaseImportItOnce(@TempDir Path dir) throws Exception {
        TestDatabase db = classDb.createAnother("threads");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        DdlLog ddl = DdlLog.install(db);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(pool.submit(() -> {
                Slipway slipway = Slipway.builder(db.dataSource())
                        .config(project.slipway().build())
                        .build();
                start.await();
                return slipway.migrate();
            }));
        }
        start.countDown();
        for (Future<MigrateResult> result : results) {
            assertThat(result.get(2, TimeUnit.MINUTES).appliedCount()).isZero();
        }
        pool.shutdown();

        assertImportedOnce(db, ddl, 6);
    }

    @Test
    void threeJvmsStartingTogetherOnAFlywayDatabaseImportItOnce(@TempDir Path dir) throws Exception {
        TestDatabase db = classDb.createAnother("jvms");
        FlywayFixture project = smallProject(dir);
        project.flyway(db).load().migrate();
        DdlLog ddl = DdlLog.install(db);

        List<Process> children = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("child-" + i + ".log");
            outputs.add(out);
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            children.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            ChildMigrator.class.getName(),
                            db.jdbcUrl(),
                            db.username(),
                            Objects.requireNonNullElse(db.password(), ""),
                            project.location())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start());
        }
        for (int i = 0; i < 3; i++) {
            assertThat(children.get(i).waitFor(2, TimeUnit.MINUTES)).isTrue();
            String output = Files.readString(outputs.get(i));
            assertThat(children.get(i).exitValue()).as(output).isZero();
            assertThat(output).contains("applied 0");
        }

        assertImportedOnce(db, ddl, 6);
    }

    private static void assertImportedOnce(TestDatabase db, DdlLog ddl, int rows) {
        assertThat(db.queryLong("SELECT count(*) FROM slipway_migrations")).isEqualTo(rows);
        assertThat(db.queryLong("SELECT count(DISTINCT (version, name)) FROM slipway_migrations"))
                .isEqualTo(rows);
        assertThat(ddl.tagged())
                .allSatisfy(command -> assertThat(command).matches("\\S+( \\S+)* public\\.slipway_\\w+"));
    }
}
