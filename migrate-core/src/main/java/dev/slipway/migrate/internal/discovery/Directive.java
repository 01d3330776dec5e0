package dev.slipway.migrate.internal.discovery;

import java.util.List;

/**
 * One {@code -- slipway:<name> <argument>} comment of a migration file.
 *
 * @param name what follows {@code slipway:} up to the first blank, e.g. {@code phase}
 * @param argument the rest of the comment, stripped; empty if there is none
 * @param line the 1-based line of the comment
 */
record Directive(String name, String argument, int line) {

    static final String PREFIX = "slipway:";

    static final String PHASE = "phase";
    static final String TRANSACTION = "transaction";
    static final String REQUIRES_BACKFILL = "requires-backfill";
    static final String LOCK_TIMEOUT = "lock-timeout";
    static final String STATEMENT_TIMEOUT = "statement-timeout";
    static final String ALLOW = "allow";

    /** Every directive Slipway knows, in the order the documentation lists them. */
    static final List<String> NAMES =
            List.of(PHASE, TRANSACTION, REQUIRES_BACKFILL, LOCK_TIMEOUT, STATEMENT_TIMEOUT, ALLOW);

    /**
     * The directive in a line comment's text (what follows {@code --}), or {@code null} if the comment is
     * not one.
     */
    static Directive inComment(String commentText, int line) {
        String text = commentText.strip();
        if (!text.startsWith(PREFIX)) {
            return null;
        }
        String rest = text.substring(PREFIX.length());
        int blank = 0;
        while (blank < rest.length() && !Character.isWhitespace(rest.charAt(blank))) {
            blank++;
        }
        return new Directive(rest.substring(0, blank), rest.substring(blank).strip(), line);
    }

    /** How the directive is written, for messages: {@code -- slipway:phase sideways}. */
    String written() {
        return "-- " + PREFIX + name + (argument.isEmpty() ? "" : " " + argument);
    }
}
