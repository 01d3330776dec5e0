package dev.slipway.migrate.internal.adopt;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.AdoptionProblem;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.internal.discovery.MigrationLoader;
import dev.slipway.migrate.internal.discovery.MigrationText;
import dev.slipway.migrate.internal.discovery.MigrationVersion;
import dev.slipway.migrate.internal.history.HistoryRow;
import dev.slipway.migrate.internal.history.HistoryTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Matches the rows of Flyway's history with the migration files, as Flyway's {@code validate} would, and turns them
 * into Slipway history rows. Pure: reads no database.
 *
 * <ol>
 *   <li>{@code SCHEMA} rows are skipped. The latest row of each version (of each description, for a repeatable
 *       migration) decides, in {@code installed_rank} order; a {@code DELETE} or undo row means the version is not
 *       applied any more. The latest {@code BASELINE} row is Flyway's baseline.</li>
 *   <li>A versioned row is matched with the file of the same version ({@code 1.1} = {@code 1_1}). It is refused when
 *       it failed ({@code success} false), when its file is missing (unless missing migrations are ignored: the row is
 *       then recorded without a file, and shows as {@code MISSING}), when it ran a Java class or script and the file
 *       is SQL, when the file's description differs, or when Flyway's checksum of the file differs from the row's.</li>
 *   <li>Files at or below Flyway's baseline without a row of their own count as applied by the baseline.</li>
 *   <li>A file above the baseline and below the newest applied version that Flyway never applied is refused: Flyway
 *       calls it ignored, and running it now would apply it out of order.</li>
 *   <li>A repeatable row is matched with {@code R__<description>.sql} by description (Flyway shows underscores as
 *       spaces). Same checksum: recorded. Changed since, or a row without a file: not recorded (a changed one is
 *       pending, and runs as Flyway would run it again), and counted for the log. A failed one is refused.</li>
 *   <li>Every problem is collected; with any, nothing is recorded.</li>
 * </ol>
 */
final class FlywayImport {

    private final String table;
    private final boolean ignoreMissing;

    /**
     * @param table Flyway's table as the rows' {@code applied_by} names it ({@code flyway_schema_history})
     * @param ignoreMissing whether applied rows without a file are recorded (and show as {@code MISSING}) rather than
     *     refused
     */
    FlywayImport(String table, boolean ignoreMissing) {
        this.table = table;
        this.ignoreMissing = ignoreMissing;
    }

    /** A row to record, in the order Flyway applied it. */
    private record Ordered(int rank, int sequence, HistoryTable.Recorded row) {}

    HistorySource.Reading match(List<FlywayRow> rows, MigrationLoader.Found files) {
        List<AdoptionProblem> problems = new ArrayList<>();
        Map<MigrationVersion, MigrationText> filesByVersion = new HashMap<>();
        files.versioned().forEach(file -> filesByVersion.put(file.version(), file));

        FlywayRow baseline = null;
        MigrationVersion baselineVersion = null;
        Map<MigrationVersion, FlywayRow> versioned = new HashMap<>();
        Map<String, FlywayRow> repeatable = new HashMap<>();
        for (FlywayRow row : rows) {
            if (row.isSchemaCreation()) {
                continue;
            }
            if (row.version() == null) {
                repeatable.put(row.description(), row);
                continue;
            }
            MigrationVersion version = version(row, problems);
            if (version == null) {
                continue;
            }
            if (row.isBaseline()) {
                baseline = row;
                baselineVersion = version;
            } else {
                versioned.put(version, row);
            }
        }

        List<Ordered> recorded = new ArrayList<>();
        Set<MigrationVersion> attempted = new HashSet<>();
        MigrationVersion newestApplied = baselineVersion;
        int missingRecorded = 0;
        List<Map.Entry<MigrationVersion, FlywayRow>> byRank = new ArrayList<>(versioned.entrySet());
        byRank.sort(Comparator.comparingInt(entry -> entry.getValue().rank()));
        for (Map.Entry<MigrationVersion, FlywayRow> entry : byRank) {
            MigrationVersion version = entry.getKey();
            FlywayRow row = entry.getValue();
            if (row.isRemoval()) {
                continue;
            }
            attempted.add(version);
            MigrationText file = filesByVersion.get(version);
            if (!row.success()) {
                problems.add(failed(row.version(), row, file));
                continue;
            }
            if (newestApplied == null || version.compareTo(newestApplied) > 0) {
                newestApplied = version;
            }
            if (file == null) {
                if (ignoreMissing) {
                    recorded.add(new Ordered(row.rank(), 0, withoutFile(row)));
                    missingRecorded++;
                } else {
                    problems.add(missing(row));
                }
                continue;
            }
            if (!row.isSql()) {
                problems.add(new AdoptionProblem(
                        SlipwayError.MIGRATION_MODIFIED,
                        row.version(),
                        "Flyway ran this version as a " + row.type()
                                + " migration (" + row.script() + "), but " + file.source()
                                + " is a SQL migration with the "
                                + "same version: Slipway cannot check it against what Flyway ran",
                        Action.text("give the SQL file a version above the newest one Flyway applied, or delete it")));
                continue;
            }
            int problemsBefore = problems.size();
            String description = description(file);
            if (!description.equals(row.description())) {
                problems.add(new AdoptionProblem(
                        SlipwayError.MIGRATION_MODIFIED,
                        row.version(),
                        "Flyway applied it as \"" + row.description()
                                + "\", but the file is now " + file.source() + " (\"" + description
                                + "\"); Flyway's validate "
                                + "refuses this too",
                        Action.text("rename the file back to V" + row.version() + "__"
                                + row.description().replace(' ', '_') + ".sql, or run flyway repair to record the new "
                                + "description")));
            }
            int checksum = FlywayChecksum.of(file.bytes());
            if (row.checksum() == null || row.checksum() != checksum) {
                problems.add(new AdoptionProblem(
                        SlipwayError.MIGRATION_MODIFIED,
                        row.version(),
                        "the file was changed after Flyway applied it: "
                                + "checksum in " + table + ": " + row.checksum()
                                + ", Flyway's checksum of the file now: "
                                + checksum + " (" + file.source() + ")",
                        Action.text("restore the file as Flyway applied it; if "
                                + "the change is intended, run flyway repair first (it records the file's new checksum), or "
                                + "put the change in a new migration")));
            }
            if (problems.size() == problemsBefore) {
                recorded.add(new Ordered(
                        row.rank(),
                        0,
                        new HistoryTable.Recorded(
                                UUID.randomUUID(),
                                file.version().toString(),
                                file.name(),
                                file.checksum(),
                                Adoption.phase(file),
                                row.installedOn(),
                                finished(row),
                                null,
                                executionMs(row),
                                table + " (installed by " + row.installedBy() + ", rank " + row.rank() + ")",
                                HistoryRow.BASELINE)));
            }
        }

        int underBaseline = 0;
        for (MigrationText file : files.versioned()) {
            MigrationVersion version = file.version();
            if (attempted.contains(version)) {
                continue;
            }
            if (baselineVersion != null && version.compareTo(baselineVersion) <= 0) {
                underBaseline++;
                recorded.add(new Ordered(
                        baseline.rank(),
                        underBaseline,
                        new HistoryTable.Recorded(
                                UUID.randomUUID(),
                                version.toString(),
                                file.name(),
                                file.checksum(),
                                Adoption.phase(file),
                                baseline.installedOn(),
                                baseline.installedOn(),
                                null,
                                null,
                                table + " (Flyway baseline " + baseline.version() + ")",
                                HistoryRow.BASELINE)));
            } else if (newestApplied != null && version.compareTo(newestApplied) < 0) {
                problems.add(new AdoptionProblem(
                        SlipwayError.MIGRATION_OUT_OF_ORDER,
                        version.toString(),
                        "Flyway never applied " + file.source()
                                + ", but it applied newer migrations (up to " + newestApplied
                                + "): Flyway reports it as "
                                + "ignored, and running it now would apply it out of order",
                        Action.text("give it a version " + "above " + newestApplied
                                + " if it is a new migration, or delete it")));
            }
        }

        Map<String, List<MigrationText>> repeatableFiles = new HashMap<>();
        for (MigrationText file : files.repeatable()) {
            repeatableFiles
                    .computeIfAbsent(description(file), d -> new ArrayList<>())
                    .add(file);
        }
        int repeatableImported = 0;
        int repeatableChanged = 0;
        int repeatableWithoutFile = 0;
        List<FlywayRow> repeatableByRank = new ArrayList<>(repeatable.values());
        repeatableByRank.sort(Comparator.comparingInt(FlywayRow::rank));
        for (FlywayRow row : repeatableByRank) {
            if (row.isRemoval()) {
                continue;
            }
            List<MigrationText> candidates = repeatableFiles.getOrDefault(row.description(), List.of());
            String id = "R__" + row.description().replace(' ', '_');
            if (!row.success()) {
                problems.add(failed(id, row, candidates.isEmpty() ? null : candidates.get(0)));
                continue;
            }
            if (candidates.isEmpty()) {
                repeatableWithoutFile++;
                continue;
            }
            MigrationText same = row.checksum() == null
                    ? null
                    : candidates.stream()
                            .filter(file -> FlywayChecksum.of(file.bytes()) == row.checksum())
                            .findFirst()
                            .orElse(null);
            if (same == null) {
                repeatableChanged++;
                continue;
            }
            repeatableImported++;
            recorded.add(new Ordered(
                    row.rank(),
                    0,
                    new HistoryTable.Recorded(
                            UUID.randomUUID(),
                            HistoryRow.REPEATABLE,
                            same.name(),
                            same.checksum(),
                            Adoption.phase(same),
                            row.installedOn(),
                            finished(row),
                            null,
                            executionMs(row),
                            table + " (installed by " + row.installedBy() + ", rank " + row.rank() + ")",
                            HistoryRow.BASELINE)));
        }

        if (!problems.isEmpty()) {
            return new HistorySource.Reading(List.of(), problems, "");
        }
        recorded.sort(Comparator.comparingInt(Ordered::rank).thenComparingInt(Ordered::sequence));
        int versionedCount = recorded.size() - repeatableImported;
        return new HistorySource.Reading(
                recorded.stream().map(Ordered::row).toList(),
                List.of(),
                summary(
                        versionedCount,
                        underBaseline,
                        baseline,
                        missingRecorded,
                        repeatableImported,
                        repeatableChanged,
                        repeatableWithoutFile));
    }

    private static String summary(
            int versioned,
            int underBaseline,
            FlywayRow baseline,
            int missing,
            int repeatableImported,
            int repeatableChanged,
            int repeatableWithoutFile) {
        StringBuilder summary = new StringBuilder(count(versioned, "versioned migration"));
        if (underBaseline > 0) {
            summary.append(" (")
                    .append(underBaseline)
                    .append(" under Flyway's baseline ")
                    .append(baseline.version())
                    .append(")");
        }
        if (missing > 0) {
            summary.append(" (").append(missing).append(" without a file, recorded as missing)");
        }
        if (repeatableImported + repeatableChanged + repeatableWithoutFile > 0) {
            summary.append(" and ").append(count(repeatableImported, "repeatable one"));
        }
        if (repeatableChanged > 0) {
            summary.append("; ")
                    .append(count(repeatableChanged, "repeatable migration"))
                    .append(" changed since Flyway ran ")
                    .append(repeatableChanged == 1 ? "it" : "them")
                    .append(" (not imported: ")
                    .append(repeatableChanged == 1 ? "it runs" : "they run")
                    .append(" again)");
        }
        if (repeatableWithoutFile > 0) {
            summary.append("; ")
                    .append(count(repeatableWithoutFile, "repeatable row"))
                    .append(" without a file (skipped)");
        }
        return summary.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The version of a row, or null (with a problem) when Slipway cannot read it. */
    private static MigrationVersion version(FlywayRow row, List<AdoptionProblem> problems) {
        try {
            return MigrationVersion.parse(row.version());
        } catch (IllegalArgumentException e) {
            problems.add(new AdoptionProblem(
                    SlipwayError.HISTORY_NOT_READABLE,
                    row.version(),
                    "Flyway recorded the version \"" + row.version()
                            + "\" (rank " + row.rank() + ", " + row.script()
                            + "), which is not a version Slipway reads: "
                            + "digits, separated by '.' or '_'",
                    Action.text("rename the migration in Flyway's history and its " + "file to a numeric version")));
            return null;
        }
    }

    /** The description Flyway gives a file: its name after {@code V<version>__} or {@code R__}, {@code _} as spaces. */
    private static String description(MigrationText file) {
        return file.name().replace('_', ' ');
    }

    private AdoptionProblem failed(String id, FlywayRow row, MigrationText file) {
        return new AdoptionProblem(
                SlipwayError.MIGRATION_NOT_FINISHED,
                id,
                "Flyway's latest attempt at it failed (rank " + row.rank() + ", " + row.script()
                        + ", installed on " + row.installedOn() + " by " + row.installedBy() + ")"
                        + (file == null ? "" : "; the file is " + file.source()) + ": it may be partly applied",
                Action.text("finish or undo what it did by hand, then run flyway repair (it removes the failed row), "
                        + "or complete it with Flyway, before switching"));
    }

    private AdoptionProblem missing(FlywayRow row) {
        if (row.isSql()) {
            return new AdoptionProblem(
                    SlipwayError.MIGRATION_MISSING,
                    row.version(),
                    "Flyway applied it from " + row.script() + " (rank " + row.rank()
                            + "), but no migration file has version " + row.version(),
                    Action.of(
                            "restore the "
                                    + "file, unchanged, in the migration locations ({}); if it was removed on purpose, set {}: the "
                                    + "row is then imported and shows as MISSING",
                            Setting.LOCATIONS,
                            Setting.VALIDATE_IGNORE_MISSING.to("true")));
        }
        return new AdoptionProblem(
                SlipwayError.MIGRATION_MISSING,
                row.version(),
                "Flyway ran it as a " + row.type() + " migration (" + row.script()
                        + ", rank " + row.rank() + "): Slipway runs SQL files only, and no SQL file has version "
                        + row.version(),
                Action.of(
                        "if its work is done, set {}: the row is then imported and shows as " + "MISSING",
                        Setting.VALIDATE_IGNORE_MISSING.to("true")));
    }

    /**
     * An applied row without a file, recorded because missing migrations are ignored: named after Flyway's
     * description, with Flyway's checksum (or type) in place of Slipway's, which needs the file.
     */
    private HistoryTable.Recorded withoutFile(FlywayRow row) {
        String checksum = "flyway:" + (row.checksum() == null ? row.type() : row.checksum());
        return new HistoryTable.Recorded(
                UUID.randomUUID(),
                row.version(),
                row.description().replace(' ', '_'),
                checksum,
                MigrationPhase.EXPAND.id(),
                row.installedOn(),
                finished(row),
                null,
                executionMs(row),
                table + " (installed by " + row.installedBy() + ", rank " + row.rank() + ", no file)",
                HistoryRow.BASELINE);
    }

    private static Instant finished(FlywayRow row) {
        if (row.installedOn() == null || row.executionTime() == null) {
            return row.installedOn();
        }
        return row.installedOn().plusMillis(row.executionTime());
    }

    private static Long executionMs(FlywayRow row) {
        return row.executionTime() == null ? null : row.executionTime().longValue();
    }
}
