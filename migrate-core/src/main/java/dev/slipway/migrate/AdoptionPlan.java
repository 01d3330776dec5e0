package dev.slipway.migrate;

import java.util.List;

/**
 * What an import of another tool's history would record ({@link Slipway#adoptionPlan()}), or what it recorded
 * ({@link Slipway#adopt()}): the source table, a row per migration, and every reason to refuse.
 *
 * @param result whether the import goes ahead
 * @param tool the other tool ({@code Flyway}, {@code Prisma}), or {@code null} when no history of another tool is found
 * @param source the other tool's history table, qualified ({@code public.flyway_schema_history}), or {@code null}
 * @param entries the rows Slipway's history would get (as {@code BASELINE}), in the order the other tool applied
 *     them; empty when the import is refused
 * @param problems every reason not to import, each with what to do; empty unless {@link Result#REFUSED}
 */
public record AdoptionPlan(
        Result result, String tool, String source, List<Entry> entries, List<AdoptionProblem> problems) {

    public AdoptionPlan {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    /** Whether the import goes ahead. */
    public enum Result {
        /** Every row of the other tool's history matches its file: the import records {@link #entries()}. */
        IMPORT,
        /** The other tool's history does not match the files ({@link #problems()}); nothing is recorded. */
        REFUSED,
        /** The schema holds no other tool's history (or importing is off): nothing to import. */
        NOTHING_TO_IMPORT,
        /** Slipway's history has rows already: an import happens only before Slipway's first migration. */
        HISTORY_EXISTS
    }

    /**
     * One migration the import records.
     *
     * @param version the version, or {@code R} for a repeatable migration
     * @param name the migration's name
     * @param sourceRow the other tool's row it comes from, e.g. {@code public.flyway_schema_history (installed by
     *     app, rank 3)}
     * @param checksum the check of the file against the other tool's checksum: {@code matches}; {@code no file}
     *     for a row recorded without a file (missing migrations ignored); {@code under baseline} for a migration
     *     below the other tool's baseline, which has no checksum to check
     */
    public record Entry(String version, String name, String sourceRow, String checksum) {}
}
