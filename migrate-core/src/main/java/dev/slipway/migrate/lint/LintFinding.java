package dev.slipway.migrate.lint;

import java.util.Objects;

/**
 * One unsafe statement (or directive) found by the migration linter.
 *
 * @param rule the rule's id, e.g. {@code require-concurrent-index-creation}
 * @param severity the rule's severity
 * @param migration the migration's id, e.g. {@code 20240101000000_add_index}
 * @param source the file, as a location: {@code classpath:db/migrations/20240101000000_add_index/migration.sql}
 * @param line the 1-based line of the statement (or of the directive) in the file
 * @param statement the 1-based number of the statement in the file, or 0 when the finding is about a directive
 *     that applies to the whole file
 * @param sql the statement, shortened to one line, or the directive
 * @param lock the lock taken and for how long, e.g. {@code ACCESS EXCLUSIVE on orders for the whole table
 *     rewrite}; empty when the risk is not a lock
 * @param problem what goes wrong in production
 * @param fix the safe alternative, as SQL where there is one (several lines)
 */
public record LintFinding(
        String rule,
        LintSeverity severity,
        String migration,
        String source,
        int line,
        int statement,
        String sql,
        String lock,
        String problem,
        String fix) {

    public LintFinding {
        Objects.requireNonNull(rule, "'rule' must not be null");
        Objects.requireNonNull(severity, "'severity' must not be null");
        Objects.requireNonNull(migration, "'migration' must not be null");
        Objects.requireNonNull(source, "'source' must not be null");
        Objects.requireNonNull(sql, "'sql' must not be null");
        Objects.requireNonNull(lock, "'lock' must not be null");
        Objects.requireNonNull(problem, "'problem' must not be null");
        Objects.requireNonNull(fix, "'fix' must not be null");
    }

    /**
     * The finding as Slipway reports it:
     * <pre>
     * classpath:db/migrations/2_add_index/migration.sql:3: statement 2: error [require-concurrent-index-creation]
     *   CREATE INDEX orders_user_id_idx ON orders (user_id)
     *   Takes SHARE on orders for the whole index build: ...
     *   Instead:
     *     CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
     *   Or, where it is safe: -- slipway:allow require-concurrent-index-creation &lt;reason&gt;
     * </pre>
     */
    public String message() {
        StringBuilder text = new StringBuilder(source).append(':').append(line).append(": ");
        if (statement > 0) {
            text.append("statement ").append(statement).append(": ");
        }
        text.append(severity.id()).append(" [").append(rule).append("]\n");
        text.append("  ").append(sql).append('\n');
        text.append("  ");
        if (!lock.isEmpty()) {
            text.append("Takes ").append(lock).append(": ");
        }
        text.append(problem).append('\n');
        if (!fix.isEmpty()) {
            text.append("  Instead:\n");
            fix.lines().forEach(line -> text.append("    ").append(line).append('\n'));
        }
        if (!rule.equals(SlipwayLint.INVALID_ALLOW)) {
            text.append("  Or, where it is safe: -- slipway:allow ")
                    .append(rule)
                    .append(" <reason>");
        } else {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
