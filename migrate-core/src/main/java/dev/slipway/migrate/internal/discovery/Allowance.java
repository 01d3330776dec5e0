package dev.slipway.migrate.internal.discovery;

import java.util.List;
import java.util.Objects;

/**
 * A linter finding that a migration accepts, from {@code -- slipway:allow <rule>[,<rule>] <reason>}.
 *
 * @param rules the ids of the accepted rules, never empty
 * @param reason why, as written after the rules; empty when none was given
 * @param statement the 1-based number of the statement it applies to, or 0 for the whole file
 * @param line the 1-based line of the directive in the file
 */
public record Allowance(List<String> rules, String reason, int statement, int line) {

    public Allowance {
        rules = List.copyOf(Objects.requireNonNull(rules, "'rules' must not be null"));
        Objects.requireNonNull(reason, "'reason' must not be null");
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("'rules' must not be empty");
        }
    }

    /** Whether this allowance covers the given rule for the given 1-based statement number. */
    public boolean allows(String rule, int statementNumber) {
        return rules.contains(rule) && (statement == 0 || statement == statementNumber);
    }

    /** Whether this allowance applies to every statement of the file. */
    public boolean wholeFile() {
        return statement == 0;
    }
}
