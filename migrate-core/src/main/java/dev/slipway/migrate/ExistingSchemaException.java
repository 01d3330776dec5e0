package dev.slipway.migrate;

import java.util.List;

/**
 * The schema already holds tables (or other objects) but no migration history: it was built by hand, by a
 * {@code schema.sql}, by Hibernate's {@code ddl-auto}, or by a tool whose history is not imported. Slipway does not
 * run its first migration over it; nothing ran. The fix is a baseline: the version up to which the migrations are
 * already in the schema, recorded as applied without running.
 */
public class ExistingSchemaException extends SlipwayException {

    private final String schema;
    private final List<String> objects;
    private final int objectCount;
    private final String newestVersion;
    private final String otherHistory;

    /**
     * @param schema the schema
     * @param objects a few of the objects it holds, as {@code kind name} ({@code table users})
     * @param objectCount how many objects it holds in all
     * @param newestVersion the newest migration file, or null when there is none
     * @param otherHistory another tool's history table found in the schema but not imported, or null
     */
    public ExistingSchemaException(String schema, List<String> objects, int objectCount, String newestVersion,
            String otherHistory) {
        super(describe(schema, objects, objectCount, newestVersion, otherHistory));
        this.schema = schema;
        this.objects = List.copyOf(objects);
        this.objectCount = objectCount;
        this.newestVersion = newestVersion;
        this.otherHistory = otherHistory;
    }

    /**
     * Another tool's history table found in the schema but not imported because importing is turned off, e.g.
     * {@code public.flyway_schema_history}; null when there is none.
     */
    public String getOtherHistory() {
        return otherHistory;
    }

    /** The schema that holds objects but no history. */
    public String getSchema() {
        return schema;
    }

    /** A few of the objects it holds, as {@code kind name}. */
    public List<String> getObjects() {
        return objects;
    }

    /** How many objects it holds in all. */
    public int getObjectCount() {
        return objectCount;
    }

    /** The newest migration file, or null when there is none: the usual baseline when the schema is up to date. */
    public String getNewestVersion() {
        return newestVersion;
    }

    private static String describe(String schema, List<String> objects, int count, String newest, String other) {
        return "Schema " + schema + " already holds " + count + (count == 1 ? " object" : " objects") + " ("
                + String.join(", ", objects) + (count > objects.size() ? ", ..." : "") + ") but has no migration "
                + "history" + (other == null ? "" : " that Slipway imports (" + other + " is there, but importing it "
                + "is turned off)") + ", so Slipway does not run its first migration over it. Nothing ran.\n"
                + "-> if the schema was built from these migrations (or is what they build), record them with a "
                + "baseline version: every migration up to it is recorded as applied without running, and only the "
                + "later ones run" + (newest == null ? "" : " (the newest migration file is " + newest + ")") + "\n"
                + "-> if the schema is not meant for these migrations, point Slipway at another schema or database";
    }
}
