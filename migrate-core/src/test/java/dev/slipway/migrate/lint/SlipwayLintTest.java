package dev.slipway.migrate.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.MigrationLintException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public API: suppression with {@code -- slipway:allow}, the messages, assertSafe and the rule list. */
class SlipwayLintTest {

    private static final String TABLES = "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, code int);\n";

    @TempDir
    Path dir;

    private LintFixture migrations(String sql) {
        return new LintFixture(dir).add(TABLES).add(sql);
    }

    @Test
    void aFindingNamesFileLineStatementRuleLockAndFix() {
        LintFinding finding = migrations("""
                -- slipway:phase expand
                ALTER TABLE orders ADD COLUMN flag boolean;

                ALTER TABLE orders
                    ALTER COLUMN code TYPE bigint;
                """).only();

        assertThat(finding.migration()).isEqualTo("2_m2");
        assertThat(finding.source()).endsWith("2_m2/migration.sql").startsWith("filesystem:");
        assertThat(finding.line()).isEqualTo(4);
        assertThat(finding.statement()).isEqualTo(2);
        assertThat(finding.sql()).isEqualTo("ALTER TABLE orders ALTER COLUMN code TYPE bigint");
        assertThat(finding.message())
                .isEqualTo(finding.source() + ":4: statement 2: error [changing-column-type]\n"
                        + "  ALTER TABLE orders ALTER COLUMN code TYPE bigint\n"
                        + "  Takes ACCESS EXCLUSIVE on orders for the whole table rewrite: int and bigint are stored"
                        + " differently, so PostgreSQL rewrites orders and rebuilds its indexes while reads and writes wait.\n"
                        + "  Instead:\n"
                        + "    ALTER TABLE orders ADD COLUMN code_new bigint;\n"
                        + "    -- write both columns from the application (or a trigger), copy the existing rows with a"
                        + " Backfill: .set(\"code_new = code::bigint\")\n"
                        + "    -- then, in a contract migration, once every row is copied and no old instance runs:\n"
                        + "    ALTER TABLE orders DROP COLUMN code;\n"
                        + "    ALTER TABLE orders RENAME COLUMN code_new TO code;\n"
                        + "  Or, where it is safe: -- slipway:allow changing-column-type <reason>");
    }

    @Test
    void refusesAMigrationHoldingANulNamingFileLineAndColumn() {
        LintFixture fixture = migrations("INSERT INTO orders (id, code) VALUES (1, 2);\n"
                + "UPDATE orders SET user_id = length(E'a\0b') WHERE id = 1;\n");

        assertThatThrownBy(fixture::lint).isInstanceOfSatisfying(InvalidMigrationException.class, e -> {
            assertThat(e.getSource()).isEqualTo(fixture.location() + "/2_m2/migration.sql");
            assertThat(e.getLine()).isEqualTo(2);
            assertThat(e.getMessage())
                    .contains("Column 39 holds a NUL character (U+0000, written \\0 here)", "inside a string literal")
                    .doesNotContain("\0");
        });
    }

    @Test
    void repeatableMigrationsAreLintedAfterTheVersionedOnesWhateverTheBaseline() throws IOException {
        migrations("ALTER TABLE orders ADD COLUMN note text;\n");
        Files.writeString(
                dir.resolve("R__orders_indexes.sql"),
                "CREATE OR REPLACE VIEW order_notes AS"
                        + " SELECT id, note FROM orders;\nCREATE INDEX orders_code ON orders (code);\n");
        String location = "filesystem:" + dir;

        for (LintReport report :
                List.of(SlipwayLint.lint(location), SlipwayLint.startAfter("99").lint(location))) {
            assertThat(report.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.rule()).isEqualTo("require-concurrent-index-creation");
                assertThat(finding.migration()).isEqualTo("R__orders_indexes");
                assertThat(finding.source()).endsWith("R__orders_indexes.sql");
                assertThat(finding.line()).isEqualTo(2);
            });
        }
    }

    @Test
    void anAllowAtTheTopCoversTheWholeMigration() {
        assertThat(migrations("""
                -- slipway:allow require-concurrent-index-creation,bulk-data-change orders holds 30 rows
                CREATE INDEX ON orders (code);
                UPDATE orders SET code = 0;
                CREATE INDEX ON orders (user_id);
                """).rules()).isEmpty();
    }

    @Test
    void anAllowBeforeAStatementCoversThatStatementOnly() {
        LintFinding finding = migrations("""
                CREATE TABLE items (id int);
                -- slipway:allow require-concurrent-index-creation orders holds 30 rows
                CREATE INDEX ON orders (code);
                CREATE INDEX ON orders (user_id);
                """).only();

        assertThat(finding.rule()).isEqualTo("require-concurrent-index-creation");
        assertThat(finding.statement()).isEqualTo(3);
    }

    @Test
    void anAllowOfAnotherRuleDoesNotHide() {
        assertThat(migrations("""
                CREATE TABLE items (id int);
                -- slipway:allow setting-not-null the column has no nulls
                CREATE INDEX ON orders (code);
                """).rules()).containsExactly("require-concurrent-index-creation");
    }

    @Test
    void anUnknownRuleIsAnErrorThatSuggestsTheClosestRule() {
        List<LintFinding> findings = migrations("""
                CREATE TABLE items (id int);
                -- slipway:allow require-concurent-index-creation orders is small
                CREATE INDEX ON orders (code);
                """).lint().findings();

        assertThat(findings)
                .extracting(LintFinding::rule)
                .containsExactly("invalid-allow", "require-concurrent-index-creation");
        LintFinding finding = findings.get(0);

        assertThat(finding.rule()).isEqualTo("invalid-allow");
        assertThat(finding.severity()).isEqualTo(LintSeverity.ERROR);
        assertThat(finding.line()).isEqualTo(2);
        assertThat(finding.problem())
                .isEqualTo("'require-concurent-index-creation' is not a rule of the linter (did"
                        + " you mean require-concurrent-index-creation?), so the directive allows nothing.");
        assertThat(finding.message()).doesNotContain("Or, where it is safe");
    }

    @Test
    void anAllowWithoutAReasonIsAnError() {
        List<LintFinding> findings = migrations("""
                -- slipway:allow require-concurrent-index-creation
                CREATE INDEX ON orders (code);
                """).lint().findings();

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("invalid-allow");
            assertThat(finding.problem()).startsWith("the directive gives no reason");
        });
    }

    @Test
    void dataLossIsAKnownIdForTheLiveDataChecks() {
        assertThat(migrations("-- slipway:allow data-loss the column was copied\n"
                                + "-- slipway:phase contract\nALTER TABLE orders DROP COLUMN code;")
                        .rules())
                .isEmpty();
    }

    @Test
    void assertSafeThrowsListingEveryFindingAndPassesOnWarningsOnly() {
        LintFixture fixture = migrations("CREATE INDEX ON orders (code);\nUPDATE orders SET code = 1;");

        assertThatThrownBy(() -> SlipwayLint.assertSafe(fixture.location()))
                .isInstanceOfSatisfying(MigrationLintException.class, e -> {
                    assertThat(e.getFindings())
                            .extracting(LintFinding::rule)
                            .containsExactly("require-concurrent-index-creation", "bulk-data-change");
                    assertThat(e.getErrors()).hasSize(1);
                })
                .hasMessageStartingWith("The migration linter found 1 error and 1 warning in the migrations to apply")
                .hasMessageContaining("2_m2/migration.sql:1: statement 1: error [require-concurrent-index-creation]")
                .hasMessageContaining("-- slipway:allow <rule> <reason>");

        LintFixture warningsOnly =
                new LintFixture(dir.resolve("other")).add(TABLES).add("UPDATE orders SET code = 1;");
        assertThatCode(() -> SlipwayLint.assertSafe(warningsOnly.location())).doesNotThrowAnyException();
    }

    @Test
    void rulesHaveUniqueIdsAndAtLeastTwentyOfThem() {
        List<LintRule> rules = SlipwayLint.rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(20);
        assertThat(rules)
                .extracting(LintRule::id)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void theDocumentationListsEveryRule() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "linter.md"));
        for (LintRule rule : SlipwayLint.rules()) {
            assertThat(docs).as("docs/linter.md").contains("### `" + rule.id() + "`");
        }
    }
}
