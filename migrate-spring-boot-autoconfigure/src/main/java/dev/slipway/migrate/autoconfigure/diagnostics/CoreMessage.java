package dev.slipway.migrate.autoconfigure.diagnostics;

import java.util.List;
import java.util.Optional;

/**
 * A message of Slipway's core in its usual shape: what happened, facts on lines of their own ({@code ERROR: ...}
 * and {@code -> ...}), and then what to do. Splits it so that the facts go into a failure analysis's
 * description and the advice into its action.
 */
final class CoreMessage {

    private final List<String> lines;

    private final int lastFact;

    private CoreMessage(String message) {
        this.lines = (message == null) ? List.of() : message.strip().lines().toList();
        int last = -1;
        for (int i = 0; i < this.lines.size(); i++) {
            if (isFact(this.lines.get(i))) {
                last = i;
            }
        }
        this.lastFact = last;
    }

    static CoreMessage of(String message) {
        return new CoreMessage(message);
    }

    /** What happened and the facts: every line up to the last fact, or the whole message when it has no facts. */
    String facts() {
        return String.join("\n", hasAdvice() ? this.lines.subList(0, this.lastFact + 1) : this.lines);
    }

    /** What to do: the lines after the last fact, if there are any. */
    Optional<String> advice() {
        return hasAdvice() ? Optional.of(String.join("\n", this.lines.subList(this.lastFact + 1, this.lines.size())))
                : Optional.empty();
    }

    /** The rest of the first fact line that starts with {@code -> <label>}, e.g. the statement text. */
    Optional<String> fact(String label) {
        String prefix = "-> " + label;
        return this.lines.stream().filter((line) -> line.startsWith(prefix))
                .map((line) -> line.substring(prefix.length()).strip()).findFirst();
    }

    private boolean hasAdvice() {
        return this.lastFact >= 0 && this.lastFact < this.lines.size() - 1;
    }

    private static boolean isFact(String line) {
        return line.startsWith("-> ") || line.startsWith("ERROR: ");
    }
}
