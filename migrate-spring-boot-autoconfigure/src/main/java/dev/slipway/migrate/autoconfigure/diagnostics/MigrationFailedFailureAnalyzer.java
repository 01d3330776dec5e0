package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.MigrationFailedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes a {@link MigrationFailedException}: the migration, file, statement and line, what PostgreSQL said,
 * and the fix that Slipway advises (which depends on whether the migration ran in a transaction).
 */
class MigrationFailedFailureAnalyzer extends AbstractFailureAnalyzer<MigrationFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationFailedException cause) {
        CoreMessage message = CoreMessage.of(cause.getMessage());
        String action = message.advice().orElseGet(() -> "Fix migration " + id(cause) + " in " + cause.getSource()
                + ", then start the application again.");
        return new FailureAnalysis(description(cause, message), action, cause);
    }

    private static String description(MigrationFailedException cause, CoreMessage message) {
        StringBuilder description = new StringBuilder("Migration ").append(id(cause)).append(" failed");
        if (cause.getStatement() > 0) {
            description.append(" at statement ").append(cause.getStatement());
        }
        if (cause.getLine() > 0) {
            description.append(", line ").append(cause.getLine()).append(',');
        }
        description.append(" of ").append(cause.getSource()).append(".\n");
        if (cause.getServerMessage() != null) {
            description.append("\nPostgreSQL said:\n    ERROR: ").append(cause.getServerMessage());
            if (cause.getSqlState() != null) {
                description.append(" (SQLSTATE ").append(cause.getSqlState()).append(')');
            }
            description.append('\n');
            appendIfPresent(description, "DETAIL", cause.getDetail());
            appendIfPresent(description, "HINT", cause.getHint());
            if (cause.getPosition() > 0) {
                appendIfPresent(description, "POSITION", "character " + cause.getPosition() + " of the statement");
            }
        }
        else if (cause.getCause() != null) {
            description.append("\nCause: ").append(cause.getCause().getMessage()).append('\n');
        }
        message.fact("statement " + cause.getStatement() + ":").ifPresent((sql) -> description
                .append("\nStatement ").append(cause.getStatement()).append(":\n    ").append(sql).append('\n'));
        return description.toString().stripTrailing();
    }

    private static void appendIfPresent(StringBuilder description, String label, String value) {
        if (value != null && !value.isBlank()) {
            description.append("    ").append(label).append(": ").append(value).append('\n');
        }
    }

    private static String id(MigrationFailedException cause) {
        return cause.getMigrationId();
    }
}
