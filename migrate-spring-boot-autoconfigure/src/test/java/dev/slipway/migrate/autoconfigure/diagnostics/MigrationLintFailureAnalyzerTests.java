package dev.slipway.migrate.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationLintException;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintSeverity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class MigrationLintFailureAnalyzerTests {

    private final MigrationLintFailureAnalyzer analyzer = new MigrationLintFailureAnalyzer();

    @Test
    void countsTheFindingsAndPointsAdoptersToTheLintBaseline() {
        LintFinding finding = new LintFinding(
                "require-concurrent-index-creation",
                LintSeverity.ERROR,
                "20240102000000_index_orders",
                "classpath:db/migrations/20240102000000_index_orders/migration.sql",
                1,
                1,
                "CREATE INDEX orders_code_idx ON orders (code)",
                "SHARE on orders for the whole index build",
                "inserts, updates and deletes on orders wait.",
                "CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code);");

        FailureAnalysis analysis = this.analyzer.analyze(new MigrationLintException(List.of(finding)));

        assertThat(analysis.getDescription())
                .startsWith(
                        "The migration linter refused the pending migrations, so Slipway applied nothing (1 error):")
                .contains("20240102000000_index_orders/migration.sql:1: statement 1: error");
        assertThat(analysis.getAction())
                .startsWith("Rewrite each statement as its finding shows")
                .contains("Setting slipway.lint.mode=warn only logs the findings.")
                .contains("slipway.lint.start-after=<version of the newest of them> stops linting them and every"
                        + " migration before it.")
                .endsWith("SlipwayLint.assertSafe(\"classpath:db/migrations\").");
    }
}
