package dev.slipway.migrate.lint;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the migration linter found in a set of migrations.
 *
 * @param findings every finding not accepted by a {@code -- slipway:allow}, in migration and statement order
 */
public record LintReport(List<LintFinding> findings) {

    public LintReport {
        findings = List.copyOf(Objects.requireNonNull(findings, "'findings' must not be null"));
    }

    /** The findings of severity {@code ERROR}. */
    public List<LintFinding> errors() {
        return findings.stream().filter(f -> f.severity() == LintSeverity.ERROR).toList();
    }

    /** The findings of severity {@code WARNING}. */
    public List<LintFinding> warnings() {
        return findings.stream()
                .filter(f -> f.severity() == LintSeverity.WARNING)
                .toList();
    }

    /** Whether an {@code ERROR} was found: {@code migrate()} in lint mode {@code fail} refuses to run then. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == LintSeverity.ERROR);
    }

    /** Whether nothing at all was found. */
    public boolean isClean() {
        return findings.isEmpty();
    }

    @Override
    public String toString() {
        return findings.isEmpty()
                ? "No findings"
                : findings.stream().map(LintFinding::message).collect(Collectors.joining("\n\n"));
    }
}
