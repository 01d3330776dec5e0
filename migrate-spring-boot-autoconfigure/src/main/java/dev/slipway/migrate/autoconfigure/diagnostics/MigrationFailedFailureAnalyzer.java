package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.MigrationFailedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes a {@link MigrationFailedException}: the migration, file, statement and line, what PostgreSQL said (or,
 * for a lost connection, what the driver said), the lock retries and what is applied when the core reports them, and
 * the fix that Slipway advises (which depends on whether the migration ran in a transaction).
 */
class MigrationFailedFailureAnalyzer extends AbstractFailureAnalyzer<MigrationFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationFailedException cause) {
        String action = SpringSettings.render(
                cause.getAction(),
                "Fix migration " + id(cause) + " in " + cause.getSource() + ", then start the application again.");
        return new FailureAnalysis(description(cause), action, cause);
    }

    private static String description(MigrationFailedException cause) {
        StringBuilder description =
                new StringBuilder("Migration ").append(id(cause)).append(" failed");
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
        } else if (isConnectionLost(cause.getSqlState()) && cause.getCause() != null) {
            description
                    .append("\nLost the connection to PostgreSQL (the driver said, not PostgreSQL):\n    ")
                    .append(cause.getCause().getMessage())
                    .append(" (SQLSTATE ")
                    .append(cause.getSqlState())
                    .append(")\n");
        } else if (cause.getCause() != null) {
            description
                    .append("\nCause: ")
                    .append(cause.getCause().getMessage())
                    .append('\n');
        }
        if (cause.getStatementText() != null) {
            description
                    .append("\nStatement ")
                    .append(cause.getStatement())
                    .append(":\n    ")
                    .append(cause.getStatementText())
                    .append('\n');
        }
        if (cause.getRetries() != null) {
            description.append("\nGave up after ").append(cause.getRetries()).append('\n');
        }
        if (cause.getApplied() != null) {
            description.append("\nApplied: ").append(cause.getApplied()).append('\n');
        }
        return description.toString().stripTrailing();
    }

    /** SQLSTATE class 08 (the driver lost the connection), or the server ending the session. */
    private static boolean isConnectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02"));
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
