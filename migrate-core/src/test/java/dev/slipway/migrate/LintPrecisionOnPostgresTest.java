package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.SlipwayLint;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linter's precision cases against the real PostgreSQL: whether a statement rewrites the table is what the
 * server does (its relfilenode changes), not what the linter believes; at {@code migrate()} a default's function is
 * judged by the database's own catalog; transaction control in a migration outside a transaction is refused before
 * anything runs.
 */
@ExtendWith(PostgresExtension.class)
class LintPrecisionOnPostgresTest {

    private final TestDatabase db;
    private Path dir;
    private MigrationFiles files;
    private String schema;
    private int cases;

    LintPrecisionOnPostgresTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void setUp(@TempDir Path dir, TestInfo test) {
        this.dir = dir;
        files = new MigrationFiles(dir.resolve("migrations"));
        schema = MigrationFiles.schemaFor("lp_", test);
    }

    private Slipway slipway() {
        return Slipway.builder(db.dataSource())
                .config(files.config().schema(schema).build())
                .build();
    }

    /**
     * Runs {@code statement} on a fresh table {@code t (c varchar(255), n text, id int)} holding a row, and says
     * whether PostgreSQL rewrote it; lints the same statement after a migration creating that table, and says
     * whether the linter flagged it.
     */
    private boolean[] rewrittenAndFlagged(String statement) {
        String table = schema + ".t" + ++cases;
        db.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        db.execute("CREATE TABLE " + table + " (c varchar(255), n text, id int)");
        db.execute("INSERT INTO " + table + " VALUES ('abc', '42', 1)");
        long before = db.queryLong("SELECT pg_relation_filenode('" + table + "')");
        db.execute(statement.replace(" t ", " " + table + " "));
        long after = db.queryLong("SELECT pg_relation_filenode('" + table + "')");

        Path lintDir = dir.resolve("lint" + cases);
        new MigrationFiles(lintDir)
                .add("1_t", "CREATE TABLE t (c varchar(255), n text, id int);")
                .add("2_change", statement + ";");
        List<String> rules = SlipwayLint.lint("filesystem:" + lintDir.toAbsolutePath()).findings().stream()
                .map(LintFinding::rule)
                .toList();
        return new boolean[] {before != after, !rules.isEmpty()};
    }

    @Test
    void flagsATypeChangeWithUsingExactlyWhenPostgresRewritesTheTable() {
        assertThat(rewrittenAndFlagged("ALTER TABLE t ALTER COLUMN c TYPE text USING c::text"))
                .containsExactly(false, false);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ALTER COLUMN c TYPE varchar(1000) USING c::varchar(1000)"))
                .containsExactly(false, false);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ALTER COLUMN c TYPE text USING CAST(c AS text)"))
                .containsExactly(false, false);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ALTER COLUMN n TYPE integer USING n::integer"))
                .containsExactly(true, true);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ALTER COLUMN c TYPE text USING upper(c)"))
                .containsExactly(true, true);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ALTER COLUMN c TYPE varchar(100) USING c::varchar(100)"))
                .containsExactly(true, true);
    }

    @Test
    void flagsADefaultExactlyWhenPostgresRewritesTheTable() {
        assertThat(rewrittenAndFlagged("ALTER TABLE t ADD COLUMN x bigint DEFAULT txid_current()"))
                .containsExactly(false, false);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ADD COLUMN x numeric DEFAULT extract(epoch from now())"))
                .containsExactly(false, false);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ADD COLUMN x timestamptz DEFAULT now()"))
                .containsExactly(false, false);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ADD COLUMN x float8 DEFAULT random()"))
                .containsExactly(true, true);
        assertThat(rewrittenAndFlagged("ALTER TABLE t ADD COLUMN x timestamptz DEFAULT clock_timestamp()"))
                .containsExactly(true, true);
    }

    @Test
    void judgesTheFunctionOfADefaultByTheLiveCatalogAtMigrate() {
        files.add("1_orders", "CREATE TABLE orders (id bigint PRIMARY KEY);\nINSERT INTO orders VALUES (1);");
        assertThat(slipway().migrate().appliedCount()).isEqualTo(1);
        db.execute("CREATE FUNCTION " + schema + ".shop_region() RETURNS int LANGUAGE sql STABLE AS 'SELECT 7'");
        db.execute("CREATE FUNCTION " + schema + ".shop_ticket() RETURNS int LANGUAGE sql AS 'SELECT 8'");

        files.add("2_region", "ALTER TABLE orders ADD COLUMN region int DEFAULT shop_region();");
        assertThat(SlipwayLint.lint(files.location()).findings())
                .as("offline, a function created by hand is unknown, so taken as volatile")
                .extracting(LintFinding::rule)
                .containsExactly("adding-volatile-default");
        assertThat(slipway().migrate().appliedCount())
                .as("the catalog says STABLE")
                .isEqualTo(1);
        assertThat(db.queryLong("SELECT region FROM " + schema + ".orders")).isEqualTo(7);

        files.add("3_ticket", "ALTER TABLE orders ADD COLUMN ticket int DEFAULT shop_ticket();");
        assertThatThrownBy(slipway()::migrate).isInstanceOfSatisfying(MigrationLintException.class, e -> {
            assertThat(e.getFindings()).extracting(LintFinding::rule).containsExactly("adding-volatile-default");
            assertThat(e.getFindings().get(0).problem()).contains("shop_ticket(), which is volatile");
        });
    }

    @Test
    void refusesTransactionControlAroundAConcurrentIndexBeforeAnythingRuns() {
        files.add("1_orders", "CREATE TABLE orders (id bigint PRIMARY KEY, code int);")
                .add("2_index", "BEGIN;\nCREATE INDEX CONCURRENTLY orders_code_idx ON orders (code);\nCOMMIT;\n");

        assertThatThrownBy(() -> SlipwayLint.lint(files.location())).isInstanceOf(InvalidMigrationException.class);
        assertThatThrownBy(slipway()::migrate)
                .isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
                    assertThat(e.getSource()).endsWith("2_index/migration.sql");
                    assertThat(e.getLine()).isEqualTo(1);
                })
                .hasMessageContaining("Statement 1 (BEGIN) controls the transaction")
                .hasMessageContaining("runs outside a transaction");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"))
                .as("nothing applied")
                .isZero();
    }
}
