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
    public ExistingSchemaException(
            String schema, List<String> objects, int objectCount, String newestVersion, String otherHistory) {
        super(
                SlipwayError.EXISTING_SCHEMA,
                describe(schema, objects, objectCount, otherHistory),
                advise(newestVersion, otherHistory));
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

    private static String describe(String schema, List<String> objects, int count, String other) {
        return "Schema " + schema + " already holds " + count + (count == 1 ? " object" : " objects") + " ("
                + String.join(", ", objects) + (count > objects.size() ? ", ..." : "") + ") but has no migration "
                + "history"
                + (other == null
                        ? ""
                        : " that Slipway imports (" + other + " is there, but importing it " + "is turned off)")
                + ", so Slipway does not run its first migration over it. Nothing ran.";
    }

    private static Action advise(String newest, String other) {
        Action importIt = other == null
                ? Action.none()
                : Action.text("To take over the history in " + other)
                        .append(Action.of(", import it: set {}. Otherwise:", Setting.ADOPT_MODE.to("auto")));
        Action baseline = newest != null
                ? Action.of(
                        "If the schema is what these migrations build, record them as applied without running "
                                + "them: set {} (the newest migration file). If it holds only the older ones, set {} to the "
                                + "newest migration it holds instead; the later ones then run. Every migration up to the "
                                + "baseline is recorded as BASELINE, once; the setting may stay.",
                        Setting.BASELINE_VERSION.to(newest),
                        Setting.BASELINE_VERSION)
                : Action.of(
                        "No migration file was found, so there is nothing to record: check {}. Once the files are "
                                + "found, set {} to the newest migration the schema holds, to record the migrations up to it "
                                + "as applied without running them.",
                        Setting.LOCATIONS,
                        Setting.BASELINE_VERSION);
        Action elsewhere = Action.of(
                "If the schema is not meant for these migrations, point Slipway at another "
                        + "schema ({}) or database ({}).",
                Setting.SCHEMA,
                Setting.DATASOURCE_URL);
        return importIt.then(baseline).then(elsewhere);
    }
}
