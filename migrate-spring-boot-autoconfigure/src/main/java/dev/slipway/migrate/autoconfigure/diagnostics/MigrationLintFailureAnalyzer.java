package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.MigrationLintException;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintSeverity;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes a {@link MigrationLintException}: the linter refused the pending migrations before any was applied. The
 * description lists every finding (file, line, statement, rule, lock, risk and the safe SQL); the action says how to
 * rewrite or accept them.
 */
class MigrationLintFailureAnalyzer extends AbstractFailureAnalyzer<MigrationLintException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationLintException cause) {
        List<LintFinding> findings = cause.getFindings();
        long errors = findings.stream()
                .filter((finding) -> finding.severity() == LintSeverity.ERROR)
                .count();
        String description = "The migration linter refused the pending migrations, so Slipway applied nothing ("
                + count(errors, "error")
                + ((findings.size() > errors) ? ", " + count(findings.size() - errors, "warning") : "")
                + "):\n\n" + findings.stream().map(LintFinding::message).collect(Collectors.joining("\n\n"));
        String action = SpringSettings.render(cause.getAction()) + "\nCheck migrations in a test so CI fails before"
                + " a deploy does: SlipwayLint.assertSafe(\"classpath:db/migrations\").";
        return new FailureAnalysis(description, action, cause);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + ((n == 1) ? "" : "s");
    }
}
