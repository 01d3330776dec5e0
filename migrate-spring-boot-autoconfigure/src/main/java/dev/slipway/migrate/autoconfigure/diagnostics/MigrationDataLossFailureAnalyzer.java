package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.MigrationDataLossException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Analyzes a {@link MigrationDataLossException}: the live-data check that stopped a migration before one of its
 * statements, with the table, column and row count in the description, and the fix (or how to accept the loss on
 * purpose) as the action. It runs before {@link MigrationFailedFailureAnalyzer}, which would otherwise take it as
 * any failed migration.
 */
class MigrationDataLossFailureAnalyzer extends AbstractFailureAnalyzer<MigrationDataLossException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationDataLossException cause) {
        String message = cause.getMessage();
        String[] lines = message.split("\n");
        StringBuilder description = new StringBuilder().append(lines[0]).append('\n');
        for (String line : lines) {
            if (line.startsWith("-> ")) {
                description.append("\n    ").append(line.substring(3));
            }
        }
        description.append("\n\n    table: ").append(cause.getTable());
        if (cause.getColumn() != null) {
            description.append("\n    column: ").append(cause.getColumn());
        }
        description.append("\n    rows in the way: ").append(cause.getRowCount());
        String outcome = lines[lines.length - 1];
        StringBuilder action = new StringBuilder(cause.getFix().strip()).append('\n');
        for (String line : lines) {
            if (line.startsWith("If this is intended")) {
                action.append(line).append('\n');
            }
        }
        action.append(outcome);
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    /** Ahead of {@link MigrationFailedFailureAnalyzer}, whose exception type is a supertype of this one's. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
