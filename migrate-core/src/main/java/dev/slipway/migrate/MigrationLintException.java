package dev.slipway.migrate;

import dev.slipway.migrate.lint.LintFinding;
import dev.slipway.migrate.lint.LintSeverity;
import java.util.List;

/**
 * The linter found unsafe statements in migrations that were about to be applied, or in the migrations that a
 * test checked with {@link dev.slipway.migrate.lint.SlipwayLint#assertSafe(String...)}. Nothing was applied.
 * The message lists every finding with its file, line, statement, rule, lock and safe alternative.
 */
public class MigrationLintException extends SlipwayException {

    private static final Action ACTION = Action.of(
            "Rewrite each statement as its finding shows (the safe SQL under"
                    + " \"Instead\"). Where a statement is safe here (e.g. the table is small), accept it with"
                    + " -- slipway:allow <rule> <reason> on the line above the statement, or at the top of the file for the"
                    + " whole migration. Setting {} only logs the findings. Migrations written before Slipway was adopted"
                    + " need no rewrite: {} stops linting them and every migration before it.",
            Setting.LINT_MODE.to("warn"),
            Setting.LINT_START_AFTER.to("<version of the newest of them>"));

    private final List<LintFinding> findings;

    /** @param findings every finding, errors and warnings, in migration and statement order; at least one */
    public MigrationLintException(List<LintFinding> findings) {
        super(SlipwayError.LINT_FAILED, describe(findings), ACTION);
        this.findings = List.copyOf(findings);
    }

    /** Every finding, errors and warnings, in migration and statement order. */
    public List<LintFinding> getFindings() {
        return findings;
    }

    /** The findings of severity {@code ERROR}: those that made the check fail. */
    public List<LintFinding> getErrors() {
        return findings.stream().filter(f -> f.severity() == LintSeverity.ERROR).toList();
    }

    private static String describe(List<LintFinding> findings) {
        long errors = findings.stream()
                .filter(f -> f.severity() == LintSeverity.ERROR)
                .count();
        long warnings = findings.size() - errors;
        StringBuilder message = new StringBuilder("The migration linter found ").append(count(errors, "error"));
        if (warnings > 0) {
            message.append(" and ").append(count(warnings, "warning"));
        }
        message.append(" in the migrations to apply; nothing was applied.\n");
        for (LintFinding finding : findings) {
            message.append('\n').append(finding.message()).append('\n');
        }
        return message.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
