package dev.slipway.migrate.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.discovery.TransactionMode;
import dev.slipway.migrate.internal.sql.StatementSplitter;
import dev.slipway.migrate.lint.LintReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A fresh database lints every migration before the first runs: 5,000 migrations with what each table learned
 * from the earlier ones. Only the findings are asserted; how long it takes (well under a second here) is for a
 * benchmark, not a test.
 */
class LinterScaleTest {

    @Test
    void lintsFiveThousandMigrationsTrackingTablesAcrossThem() {
        List<MigrationScript> scripts = new ArrayList<>();
        for (int n = 1; n <= 5_000; n++) {
            String sql = "CREATE TABLE t_" + n + " (id bigint PRIMARY KEY, payload text, code varchar(20) NOT NULL);\n"
                    + "CREATE INDEX t_" + n + "_code ON t_" + n + " (code);\n"
                    + "ALTER TABLE t_" + (n == 1 ? 1 : n - 1) + " ADD COLUMN c" + n + " int DEFAULT 0;\n"
                    + "CREATE INDEX ON t_" + (n == 1 ? 1 : n - 1) + " (payload);\n";
            String source = "memory:" + n;
            scripts.add(new MigrationScript(
                    MigrationVersion.parse(String.valueOf(n)),
                    "m" + n,
                    source,
                    MigrationPhase.EXPAND,
                    TransactionMode.AUTO,
                    true,
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    "0".repeat(64),
                    StatementSplitter.split(sql, source),
                    Optional.empty()));
        }

        LintReport report = Linter.lintAll(scripts);

        // Each migration indexes the table of the one before without CONCURRENTLY; the first indexes its own new table.
        assertThat(report.findings())
                .hasSize(4_999)
                .allMatch(f -> f.rule().equals("require-concurrent-index-creation"));
    }
}
