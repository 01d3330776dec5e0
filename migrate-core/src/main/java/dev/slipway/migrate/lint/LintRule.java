package dev.slipway.migrate.lint;

import java.util.Objects;

/**
 * One rule of the migration linter.
 *
 * @param id the stable id used in findings and in {@code -- slipway:allow <id> <reason>}, e.g.
 *     {@code require-concurrent-index-creation}
 * @param severity how bad a finding of this rule is
 * @param summary what the rule catches, in one line
 */
public record LintRule(String id, LintSeverity severity, String summary) {

    public LintRule {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(severity, "'severity' must not be null");
        Objects.requireNonNull(summary, "'summary' must not be null");
    }
}
