package dev.slipway.migrate.internal.discovery;

import dev.slipway.migrate.MigrationPhase;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code -- slipway:phase} directive from a migration file's header without splitting the file, so that
 * a restart can tell that the only migrations left are contract migrations without parsing any SQL.
 *
 * <p>The header is what comes before the first statement: blanks, semicolons, {@code --} comments and (nested)
 * {@code /* *}{@code /} comments, walked exactly as {@link DirectiveScanner} walks the gap before the first
 * statement. The scan stops at the first character of SQL. It only answers what the header says; whether the file
 * is otherwise valid is for the full read to decide.
 */
final class HeaderPhase {

    private HeaderPhase() {}

    /** The phase the header declares, or empty when it declares none (or declares one Slipway does not know). */
    static Optional<MigrationPhase> of(String text) {
        MigrationPhase found = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("--", i)) {
                int lineEnd = text.indexOf('\n', i);
                int commentEnd = lineEnd < 0 ? text.length() : lineEnd;
                Directive directive = Directive.inComment(text.substring(i + 2, commentEnd), 0);
                if (directive != null && directive.name().equals(Directive.PHASE)) {
                    if (found != null) {
                        return Optional.empty(); // given twice: the full read refuses the file
                    }
                    found = phaseOf(directive.argument());
                    if (found == null) {
                        return Optional.empty();
                    }
                }
                i = commentEnd;
            } else if (text.startsWith("/*", i)) {
                i = DirectiveScanner.endOfBlockComment(text, i);
            } else if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else {
                break;
            }
        }
        return Optional.ofNullable(found);
    }

    private static MigrationPhase phaseOf(String argument) {
        for (MigrationPhase phase : MigrationPhase.values()) {
            if (phase.id().equals(argument.toLowerCase(Locale.ROOT))) {
                return phase;
            }
        }
        return null;
    }
}
