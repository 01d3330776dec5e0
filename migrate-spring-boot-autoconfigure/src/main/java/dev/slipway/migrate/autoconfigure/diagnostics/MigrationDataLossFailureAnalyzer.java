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
class MigrationDataLossFailureAnalyzer extends AbstractFailureAnalyzer<MigrationDataLossException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationDataLossException cause) {
        StringBuilder description = new StringBuilder("Migration ")
                .append(cause.getMigrationId())
                .append(" was stopped before statement ")
                .append(cause.getStatement())
                .append(" (line ")
                .append(cause.getLine())
                .append(") of ")
                .append(cause.getSource())
                .append(", because of the data in the database:\n");
        description.append("\n    ").append(cause.getProblem());
        description
                .append("\n    statement ")
                .append(cause.getStatement())
                .append(": ")
                .append(cause.getStatementText());
        description.append("\n\n    table: ").append(cause.getTable());
        if (cause.getColumn() != null) {
            description.append("\n    column: ").append(cause.getColumn());
        }
        description.append("\n    rows in the way: ").append(cause.getRowCount());
        return new FailureAnalysis(
                description.toString(), SpringSettings.render(cause.getAction()).strip(), cause);
    }

    /** Ahead of {@link MigrationFailedFailureAnalyzer}, whose exception type is a supertype of this one's. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
