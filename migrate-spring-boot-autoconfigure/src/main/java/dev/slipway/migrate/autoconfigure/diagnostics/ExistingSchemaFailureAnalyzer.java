package dev.slipway.migrate.autoconfigure.diagnostics;


import dev.slipway.migrate.ExistingSchemaException;

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
        StringBuilder description = new StringBuilder("Schema ").append(cause.getSchema()).append(" already holds ")
                .append(count).append((count == 1) ? " object" : " objects")
                .append(" but no migration history, so Slipway did not run its first migration over it. Nothing ran.\n");
        for (String object : cause.getObjects()) {
            description.append("\n    ").append(object);
        }
        if (count > cause.getObjects().size()) {
            description.append("\n    ... and ").append(count - cause.getObjects().size()).append(" more");
        }
        String otherHistory = cause.getOtherHistory();
        if (otherHistory != null) {
            description.append("\n\n").append(otherHistory)
                    .append(" holds another tool's migration history, but importing it is turned off (slipway.adopt=off).");
        }
        return new FailureAnalysis(description.toString(), action(cause, otherHistory), cause);
    }

    private static String action(ExistingSchemaException cause, String otherHistory) {
        String newest = cause.getNewestVersion();
        StringBuilder action = new StringBuilder();
        if (otherHistory != null) {
            action.append("To take over the history in ").append(otherHistory).append(", import it: remove "
                    + "slipway.adopt=off (or set slipway.adopt=auto). Otherwise:\n");
        }
        if (newest != null) {
            action.append("If the schema is what these migrations build, record them as applied without running "
                    + "them: set slipway.baseline.version=").append(newest).append(" (the newest migration file). If "
                    + "it holds only the older ones, set slipway.baseline.version to the newest migration it holds "
                    + "instead; the later ones then run. Every migration up to the baseline is recorded as BASELINE, "
                    + "once; the setting may stay.");
        }
        else {
            action.append("No migration file was found, so there is nothing to record: check slipway.locations. "
                    + "Once the files are found, set slipway.baseline.version to the newest migration the schema "
                    + "holds, to record the migrations up to it as applied without running them.");
        }
        action.append("\nIf the schema is not meant for these migrations, point Slipway at another schema "
                + "(slipway.schema) or database (spring.datasource.url, or slipway.datasource.url for a migration "
                + "login of its own).");
        return action.toString();
    }
}
