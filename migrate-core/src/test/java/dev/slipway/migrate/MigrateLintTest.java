package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate()} lints the pending migrations before it applies any, as the lint mode says. */
@ExtendWith(PostgresExtension.class)
class MigrateLintTest {

    private final TestDatabase db;
    private MigrationFiles files;
    private String schema;

    MigrateLintTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        files = new MigrationFiles(dir);
        schema = MigrationFiles.schemaFor("l_", test);
    }

    private Slipway slipway(LintMode mode) {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).lintMode(mode).build())
                .build();
    }

    private long tablesInSchema() {
        return db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'");
    }

    @Test
    void failsByDefaultBeforeAnythingIsAppliedListingEveryFinding() {
        // orders lives in another schema, created by an earlier run (a table this run creates would be new).
        String live = schema.substring(0, Math.min(schema.length(), 50)) + "_live";
        db.execute("CREATE SCHEMA " + live);
        db.execute("CREATE TABLE " + live + ".orders (id bigint PRIMARY KEY, code int)");
        files.add("1_invoices", "CREATE TABLE invoices (id bigint PRIMARY KEY);")
                .add(
                        "2_index",
                        "CREATE INDEX orders_code_idx ON " + live + ".orders (code);\n" + "UPDATE " + live
                                + ".orders SET code = 0;");

        assertThat(SlipwayConfig.defaults().lintMode()).isEqualTo(LintMode.FAIL);
        Slipway slipway = Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
        assertThatThrownBy(slipway::migrate)
                .isInstanceOfSatisfying(MigrationLintException.class, e -> {
                    assertThat(e.getFindings())
                            .extracting(LintFinding::rule)
                            .containsExactly("require-concurrent-index-creation", "bulk-data-change");
                    assertThat(e.getFindings().get(0).source()).endsWith("2_index/migration.sql");
                })
                .hasMessageContaining("nothing was applied")
                .hasMessageContaining("2_index/migration.sql:1: statement 1: error [require-concurrent-index-creation]")
                .hasMessageContaining("CREATE INDEX CONCURRENTLY orders_code_idx ON " + live + ".orders (code);");

        assertThat(tablesInSchema())
                .as("neither the history table nor 1_invoices")
                .isZero();
    }

    @Test
    void warnModeLogsTheFindingsAndMigrates() {
        files.add("1_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, code int);")
                .add("2_index", "CREATE INDEX orders_code_idx ON orders (code);");

        assertThat(slipway(LintMode.WARN).migrate().appliedCount()).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_code_idx'"
                        + " AND schemaname = '" + schema + "'"))
                .isEqualTo(1);
    }

    @Test
    void offModeDoesNotLint() {
        files.add("1_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, code int);")
                .add("2_index", "-- slipway:allow no-such-rule\nCREATE INDEX orders_code_idx ON orders (code);");

        assertThat(slipway(LintMode.OFF).migrate().appliedCount()).isEqualTo(2);
    }

    @Test
    void lintsOnlyPendingMigrationsButLearnsColumnTypesFromAppliedOnes() {
        files.add("1_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(50));")
                .add("2_index", "CREATE INDEX orders_status_idx ON orders (status);");
        slipway(LintMode.OFF).migrate();

        files.add("3_widen", "ALTER TABLE orders ALTER COLUMN status TYPE varchar(100);");
        assertThat(slipway(LintMode.FAIL).migrate().applied())
                .extracting(MigrationInfo::id)
                .containsExactly("3_widen");

        files.add("4_shorten", "ALTER TABLE orders ALTER COLUMN status TYPE varchar(60);");
        assertThatThrownBy(() -> slipway(LintMode.FAIL).migrate())
                .isInstanceOfSatisfying(
                        MigrationLintException.class,
                        e -> assertThat(e.getFindings()).singleElement().satisfies(finding -> {
                            assertThat(finding.rule()).isEqualTo("changing-column-type");
                            assertThat(finding.migration()).isEqualTo("4_shorten");
                        }));
        assertThat(db.queryString(
                        "SELECT character_maximum_length FROM information_schema.columns" + " WHERE table_schema = '"
                                + schema + "' AND table_name = 'orders' AND column_name = 'status'"))
                .isEqualTo("100");
    }

    private Slipway startingAfter(String version) {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).lintStartAfter(version).build())
                .build();
    }

    private long indexes(String name) {
        return db.queryLong(
                "SELECT count(*) FROM pg_indexes WHERE indexname = '" + name + "' AND schemaname = '" + schema + "'");
    }

    @Test
    void aBaselineLeavesTheMigrationsUpToItsVersionUnlintedAndLintsTheNewerOnes() {
        files.add(
                "1_orders",
                "CREATE TABLE orders (id bigint PRIMARY KEY, code int, note text);\n"
                        + "INSERT INTO orders VALUES (1, 7, 'first');");
        slipway(LintMode.FAIL).migrate();
        // Written before the team adopted Slipway: an index built under a SHARE lock on a table that holds rows.
        files.add("2_index_code", "CREATE INDEX orders_code_idx ON orders (code);")
                .add("3_add_total", "ALTER TABLE orders ADD COLUMN total numeric;");
        assertThatThrownBy(() -> slipway(LintMode.FAIL).migrate())
                .as("without a baseline")
                .isInstanceOfSatisfying(
                        MigrationLintException.class,
                        e -> assertThat(e.getFindings())
                                .extracting(LintFinding::migration)
                                .containsExactly("2_index_code"));

        assertThat(startingAfter("2").migrate().applied())
                .extracting(MigrationInfo::id)
                .containsExactly("2_index_code", "3_add_total");
        assertThat(indexes("orders_code_idx")).isEqualTo(1);

        files.add("4_index_note", "CREATE INDEX orders_note_idx ON orders (note);");
        assertThatThrownBy(() -> startingAfter("2").migrate())
                .as("a migration above the baseline")
                .isInstanceOfSatisfying(
                        MigrationLintException.class,
                        e -> assertThat(e.getFindings())
                                .extracting(LintFinding::migration, LintFinding::rule)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                        "4_index_note", "require-concurrent-index-creation")));
        assertThat(indexes("orders_note_idx")).isZero();
    }

    @Test
    void aBaselineBetweenTwoVersionsCoversEveryMigrationBelowIt() {
        files.add("20240101000000_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, code int);");
        slipway(LintMode.FAIL).migrate();
        files.add("20240102000000_index_code", "CREATE INDEX orders_code_idx ON orders (code);")
                .add("20240301000000_index_id_code", "CREATE INDEX orders_id_code_idx ON orders (id, code);");

        assertThatThrownBy(() -> startingAfter("20240201000000").migrate())
                .isInstanceOfSatisfying(
                        MigrationLintException.class,
                        e -> assertThat(e.getFindings())
                                .extracting(LintFinding::migration)
                                .containsExactly("20240301000000_index_id_code"));
        assertThat(startingAfter("20240301000000").migrate().appliedCount()).isEqualTo(2);
    }

    @Test
    @org.junit.jupiter.api.parallel.ResourceLock(org.junit.jupiter.api.parallel.Resources.SYSTEM_ERR)
    void aBaselineAboveEveryMigrationLintsNoneAndSaysSo() throws Exception {
        files.add("1_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, code int);");
        slipway(LintMode.FAIL).migrate();
        files.add("2_index_code", "CREATE INDEX orders_code_idx ON orders (code);");

        java.util.List<String> log = StandardErrorCapture.linesWrittenBy(
                () -> assertThat(startingAfter("20").migrate().appliedCount()).isEqualTo(1));

        assertThat(log)
                .anySatisfy(line -> assertThat(line)
                        .contains("WARN")
                        .contains(
                                "The lint baseline (start after 20) is above every migration, the newest being 2_index_code:"
                                        + " no migration is linted"));
    }

    @Test
    void aBaselineThatIsNotAVersionIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> SlipwayConfig.builder().lintStartAfter("V2__add_email"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lintStartAfter' must be the version of a migration")
                .hasMessageContaining("'V2__add_email' is not one");
        assertThat(SlipwayConfig.builder().lintStartAfter(" 2.1 ").build().lintStartAfter())
                .isEqualTo("2.1");
        assertThat(SlipwayConfig.builder().lintStartAfter(" ").build().lintStartAfter())
                .isNull();
        assertThat(SlipwayConfig.defaults().lintStartAfter()).isNull();
    }

    @Test
    void anAllowWithAReasonLetsTheMigrationRun() {
        files.add("1_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, code int);")
                .add(
                        "2_index",
                        "-- slipway:allow require-concurrent-index-creation orders is a lookup table of 12 rows\n"
                                + "CREATE INDEX orders_code_idx ON orders (code);");

        assertThat(slipway(LintMode.FAIL).migrate().appliedCount()).isEqualTo(2);
    }
}
