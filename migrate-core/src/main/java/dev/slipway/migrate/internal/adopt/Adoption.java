package dev.slipway.migrate.internal.adopt;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.AdoptMode;
import dev.slipway.migrate.AdoptionPlan;
import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.ExistingSchemaException;
import dev.slipway.migrate.MigrationAdoptionException;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationText;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.history.HistoryTable;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over a schema that something other than Slipway built, on the first {@code migrate()}: when Slipway's
 * history has no row yet.
 *
 * <ol>
 *   <li>Another tool's history ({@link HistorySource}: Flyway's table, Prisma's {@code _prisma_migrations}), unless
 *       importing is off: every row is matched with its file and checked with that tool's checksum; any problem
 *       refuses the whole import with the full list ({@link MigrationAdoptionException}) and writes nothing.
 *       Otherwise the history table is created and the rows recorded as {@code BASELINE}, in one transaction. The
 *       other tool's table is only read.</li>
 *   <li>No such history, and the schema holds tables, views, sequences, types or domains of its own (not an
 *       extension's, not Slipway's): with a baseline version, every migration up to it is recorded as
 *       {@code BASELINE}, in one transaction; without one the schema is refused ({@link ExistingSchemaException}).</li>
 *   <li>An empty schema needs nothing: every migration runs.</li>
 * </ol>
 *
 * Call {@link #adopt} under the migration lock, after reading the history again under it: two instances starting
 * together then import once.
 */
public final class Adoption {

    private static final Logger log = LoggerFactory.getLogger(Adoption.class);

    /** How many of a schema's objects a refusal names. */
    private static final int SHOWN_OBJECTS = 5;

    private Adoption() {}

    /** What {@link #adopt} did. */
    public enum Outcome {
        /** The schema is empty (of objects of its own): nothing to take over, every migration runs. */
        EMPTY_SCHEMA,
        /** Another tool's history was imported. */
        IMPORTED,
        /** A baseline was recorded. */
        BASELINE
    }

    /**
     * Whether {@link #adopt} may have something to do: another tool's history is there, or the schema holds objects.
     * Reads the catalog only; needs no lock.
     */
    public static boolean mayApply(Connection c, HistoryTable history, SlipwayConfig config) throws SQLException {
        return !sources(c, history, config).isEmpty() || objectCount(c, history, config) > 0;
    }

    /**
     * Imports another tool's history, or records the baseline, or refuses; see the class comment. The history must
     * have no row (read under the lock).
     *
     * @param appliedBy this instance, as {@code applied_by} names it, for the rows of a baseline
     * @throws MigrationAdoptionException when the other tool's history does not match the files
     * @throws ExistingSchemaException when the schema holds objects, has no history to import, and no baseline is set
     */
    public static Outcome adopt(
            Connection c, HistoryTable history, MigrationLoader.Found files, SlipwayConfig config, String appliedBy)
            throws SQLException {
        List<HistorySource> sources = config.adoptMode() == AdoptMode.AUTO ? sources(c, history, config) : List.of();
        if (sources.size() > 1) {
            throw new MigrationAdoptionException(sources.get(0).displayName(), List.of(twoTools(sources)));
        }
        if (sources.size() == 1) {
            HistorySource source = sources.get(0);
            HistorySource.Reading reading = source.read(c, files);
            if (!reading.problems().isEmpty()) {
                throw new MigrationAdoptionException(source.displayName(), reading.problems());
            }
            record(c, history, config, reading.rows());
            log.info(
                    "Imported the history of {} from {} into {}: {}; {} not applied yet",
                    source.tool(),
                    source.displayName(),
                    history.displayName(),
                    reading.summary(),
                    pending(files, reading.rows()));
            return Outcome.IMPORTED;
        }
        List<String> objects = objects(c, history, config);
        if (objects.isEmpty()) {
            return Outcome.EMPTY_SCHEMA;
        }
        String baseline = config.baselineVersion();
        if (baseline == null) {
            String newest = files.versioned().isEmpty()
                    ? null
                    : files.versioned()
                            .get(files.versioned().size() - 1)
                            .version()
                            .toString();
            String other = config.adoptMode() == AdoptMode.OFF ? sourceNames(c, history, config) : null;
            throw new ExistingSchemaException(
                    history.schema(),
                    objects.subList(0, Math.min(SHOWN_OBJECTS, objects.size())),
                    objects.size(),
                    newest,
                    other);
        }
        MigrationVersion upTo = MigrationVersion.parse(baseline);
        List<HistoryTable.Recorded> rows = new ArrayList<>();
        for (MigrationText file : files.versioned()) {
            if (file.version().compareTo(upTo) <= 0) {
                rows.add(new HistoryTable.Recorded(
                        UUID.randomUUID(),
                        file.version().toString(),
                        file.name(),
                        file.checksum(),
                        phase(file),
                        null,
                        null,
                        null,
                        null,
                        "baseline at version " + baseline + " by " + appliedBy,
                        HistoryRow.BASELINE));
            }
        }
        record(c, history, config, rows);
        log.info(
                "Schema {} holds {} objects but had no history: recorded a baseline at version {}: {} migration{} "
                        + "recorded as applied without running, {} to apply",
                history.schema(),
                objects.size(),
                baseline,
                rows.size(),
                rows.size() == 1 ? "" : "s",
                files.versioned().size() - rows.size());
        return Outcome.BASELINE;
    }

    /**
     * Records a baseline asked for explicitly (the command line's {@code baseline}): every versioned file up to and
     * including {@code version} as {@code BASELINE}, in one transaction with creating the history table, whether or
     * not the schema holds objects. The history must have no row (read under the lock).
     *
     * @return how many migrations were recorded; 0 when no file is at or below the version (nothing is written)
     */
    public static int baseline(
            Connection c,
            HistoryTable history,
            MigrationLoader.Found files,
            SlipwayConfig config,
            String appliedBy,
            String version)
            throws SQLException {
        MigrationVersion upTo = MigrationVersion.parse(version);
        List<HistoryTable.Recorded> rows = new ArrayList<>();
        for (MigrationText file : files.versioned()) {
            if (file.version().compareTo(upTo) <= 0) {
                rows.add(new HistoryTable.Recorded(
                        UUID.randomUUID(),
                        file.version().toString(),
                        file.name(),
                        file.checksum(),
                        phase(file),
                        null,
                        null,
                        null,
                        null,
                        "baseline at version " + version + " by " + appliedBy,
                        HistoryRow.BASELINE));
            }
        }
        if (!rows.isEmpty()) {
            record(c, history, config, rows);
        }
        return rows.size();
    }

    /**
     * What {@link #adopt} would import from another tool's history, without writing anything (the command line's
     * {@code adopt --dry-run}): the rows it would record, or the problems that refuse it. The history is read as it
     * is; under the lock for a plan that is then carried out.
     */
    public static AdoptionPlan plan(
            Connection c, HistoryTable history, MigrationLoader.Found files, SlipwayConfig config) throws SQLException {
        if (history.exists(c) && !history.readAll(c).isEmpty()) {
            return new AdoptionPlan(AdoptionPlan.Result.HISTORY_EXISTS, null, null, List.of(), List.of());
        }
        List<HistorySource> sources = config.adoptMode() == AdoptMode.AUTO ? sources(c, history, config) : List.of();
        if (sources.isEmpty()) {
            return new AdoptionPlan(AdoptionPlan.Result.NOTHING_TO_IMPORT, null, null, List.of(), List.of());
        }
        if (sources.size() > 1) {
            return new AdoptionPlan(
                    AdoptionPlan.Result.REFUSED,
                    sources.get(0).tool(),
                    sources.get(0).displayName(),
                    List.of(),
                    List.of(twoTools(sources)));
        }
        HistorySource source = sources.get(0);
        HistorySource.Reading reading = source.read(c, files);
        if (!reading.problems().isEmpty()) {
            return new AdoptionPlan(
                    AdoptionPlan.Result.REFUSED, source.tool(), source.displayName(), List.of(), reading.problems());
        }
        List<AdoptionPlan.Entry> entries = reading.rows().stream()
                .map(row -> new AdoptionPlan.Entry(
                        row.version(),
                        row.name(),
                        row.appliedBy(),
                        row.appliedBy().endsWith(", no file)")
                                ? "no file"
                                : row.appliedBy().contains("(Flyway baseline ") ? "under baseline" : "matches"))
                .toList();
        return new AdoptionPlan(AdoptionPlan.Result.IMPORT, source.tool(), source.displayName(), entries, List.of());
    }

    private static AdoptionProblem twoTools(List<HistorySource> sources) {
        return new AdoptionProblem(
                SlipwayError.HISTORY_NOT_READABLE,
                null,
                "the schema holds the history of two tools: "
                        + sources.stream()
                                .map(HistorySource::displayName)
                                .reduce((a, b) -> a + " and " + b)
                                .orElseThrow()
                        + "; Slipway does not know which one "
                        + "built it",
                Action.text("rename or drop the table of the tool that no longer migrates this schema, then start "
                        + "again"));
    }

    /** The phase a file's header declares, as the history records it. */
    static String phase(MigrationText file) {
        return file.headerPhase().orElse(MigrationPhase.EXPAND).id();
    }

    private static String pending(MigrationLoader.Found files, List<HistoryTable.Recorded> rows) {
        // Rows recorded without a file (missing migrations ignored) are no file's: count the files without a row.
        java.util.Set<MigrationVersion> recorded = rows.stream()
                .filter(r -> !HistoryRow.REPEATABLE.equals(r.version()))
                .map(r -> MigrationVersion.parse(r.version()))
                .collect(java.util.stream.Collectors.toSet());
        long pending = files.versioned().stream()
                .filter(file -> !recorded.contains(file.version()))
                .count();
        return pending + " migration" + (pending == 1 ? "" : "s");
    }

    /** Creates the history table and records the rows, in one transaction: all or nothing. */
    private static void record(
            Connection c, HistoryTable history, SlipwayConfig config, List<HistoryTable.Recorded> rows)
            throws SQLException {
        Jdbc.inTransaction(c, () -> {
            history.create(c, config.createSchema());
            for (HistoryTable.Recorded row : rows) {
                history.insertRecorded(c, row);
            }
        });
    }

    /** The other tools' history tables in the schema. */
    private static List<HistorySource> sources(Connection c, HistoryTable history, SlipwayConfig config)
            throws SQLException {
        List<HistorySource> found = new ArrayList<>();
        FlywaySource.find(c, history, config).ifPresent(found::add);
        PrismaSource.find(c, history.schema()).ifPresent(found::add);
        return found;
    }

    private static String sourceNames(Connection c, HistoryTable history, SlipwayConfig config) throws SQLException {
        List<HistorySource> sources = sources(c, history, config);
        return sources.isEmpty()
                ? null
                : sources.stream()
                        .map(HistorySource::displayName)
                        .reduce((a, b) -> a + ", " + b)
                        .orElseThrow();
    }

    private static int objectCount(Connection c, HistoryTable history, SlipwayConfig config) throws SQLException {
        return objects(c, history, config).size();
    }

    /**
     * The schema's own objects, as {@code kind name}, tables first: tables, views, materialized views, foreign
     * tables, sequences that no column owns, enum and other user-defined types, domains. Objects of an extension
     * (PostGIS puts {@code spatial_ref_sys} in {@code public}), Slipway's own tables and the other tools' history
     * tables do not count.
     */
    static List<String> objects(Connection c, HistoryTable history, SlipwayConfig config) throws SQLException {
        List<String> excluded = List.of(
                history.table(),
                "slipway_instances",
                "slipway_backfills",
                "slipway_locks",
                config.flywayTable(),
                "_prisma_migrations");
        return Jdbc.query(
                c,
                "SELECT kind || ' ' || name FROM ("
                        + " SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'"
                        + "   WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table' WHEN 'S' THEN 'sequence'"
                        + "   ELSE 'type' END AS kind, c.relname::text AS name, CASE WHEN c.relkind IN ('r', 'p') THEN 0"
                        + "   ELSE 1 END AS rank"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S', 'c')"
                        + "   AND NOT c.relname = ANY (?)"
                        + "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                        + "     AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))"
                        + " UNION ALL"
                        + " SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, t.typname::text, 2"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE n.nspname = ? AND t.typtype IN ('e', 'd', 'r', 'm')"
                        + "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass"
                        + "     AND d.objid = t.oid AND d.deptype IN ('e', 'i'))"
                        + ") o ORDER BY rank, name",
                rs -> rs.getString(1),
                history.schema(),
                c.createArrayOf("text", excluded.toArray()),
                history.schema());
    }
}
