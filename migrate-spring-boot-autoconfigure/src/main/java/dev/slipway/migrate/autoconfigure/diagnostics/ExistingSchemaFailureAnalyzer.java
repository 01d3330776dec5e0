package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.ExistingSchemaException;
import dev.slipway.migrate.Setting;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes an {@link ExistingSchemaException}: the schema holds tables (or views, sequences, types) but no migration
 * history, so Slipway ran nothing. The description names the schema and its objects; the action gives the baseline in
 * Spring terms, {@code slipway.baseline.version=<the newest migration file>} when the schema is what the migrations
 * build (an older version when it holds only the older ones), or another {@code slipway.schema} or database when the
 * schema is not meant for these migrations. When another tool's history is there but importing it is off, it also
 * says how to import it.
 */
class ExistingSchemaFailureAnalyzer extends AbstractFailureAnalyzer<ExistingSchemaException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ExistingSchemaException cause) {
        int count = cause.getObjectCount();
        StringBuilder description = new StringBuilder("Schema ")
                .append(cause.getSchema())
                .append(" already holds ")
                .append(count)
                .append((count == 1) ? " object" : " objects")
                .append(
                        " but no migration history, so Slipway did not run its first migration over it. Nothing ran.\n");
        for (String object : cause.getObjects()) {
            description.append("\n    ").append(object);
        }
        if (count > cause.getObjects().size()) {
            description
                    .append("\n    ... and ")
                    .append(count - cause.getObjects().size())
                    .append(" more");
        }
        String otherHistory = cause.getOtherHistory();
        if (otherHistory != null) {
            description
                    .append("\n\n")
                    .append(otherHistory)
                    .append(" holds another tool's migration history, but importing it is turned off (")
                    .append(SpringSettings.property(Setting.ADOPT_MODE))
                    .append("=off).");
        }
        return new FailureAnalysis(description.toString(), SpringSettings.render(cause.getAction()), cause);
    }
}
