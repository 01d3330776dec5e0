package dev.slipway.migrate.autoconfigure.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

import dev.slipway.migrate.MigrationLintException;
import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintSeverity;

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
        long errors = findings.stream().filter((finding) -> finding.severity() == LintSeverity.ERROR).count();
        String description = "The migration linter refused the pending migrations, so Slipway applied nothing ("
                + count(errors, "error") + ((findings.size() > errors)
                        ? ", " + count(findings.size() - errors, "warning") : "")
                + "):\n\n" + findings.stream().map(LintFinding::message).collect(Collectors.joining("\n\n"));
        String action = "Rewrite each statement as its finding shows (the safe SQL under \"Instead\"). Where a"
                + " statement is safe here (e.g. the table is small), accept it with -- slipway:allow <rule> <reason>"
                + " on the line above the statement, or at the top of the file for the whole migration.\n"
                + "Check migrations in a test so CI fails before a deploy does:"
                + " SlipwayLint.assertSafe(\"classpath:db/migrations\"). slipway.lint.mode=warn only logs findings.\n"
                + "Migrations written before this application adopted Slipway need no rewrite:"
                + " slipway.lint.start-after=<version of the newest of them> stops linting them and every migration"
                + " before it.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + ((n == 1) ? "" : "s");
    }
}
