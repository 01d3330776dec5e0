package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.InvalidMigrationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes an {@link InvalidMigrationException}: a migration file or location that Slipway cannot use as it is
 * (a bad name, a file that is not UTF-8, an unterminated string, an unknown directive, ...), with its file and
 * line, and the fix.
 */
class InvalidMigrationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidMigrationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidMigrationException cause) {
        String where = cause.getSource() + ((cause.getLine() > 0) ? ", line " + cause.getLine() : "");
        Problem problem = Problem.of(problem(cause));
        String description = "Slipway cannot use the migration at " + where + ":\n    " + problem.what();
        String action = problem.fix()
                .orElse("Fix " + where + " as described above, then start the application again.");
        return new FailureAnalysis(description, action, cause);
    }

    /** The message without the {@code source:line: } prefix that the exception puts before the problem. */
    private static String problem(InvalidMigrationException cause) {
        String prefix = cause.getSource() + ((cause.getLine() > 0) ? ":" + cause.getLine() : "") + ": ";
        String message = cause.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
