package dev.slipway.migrate.internal.history;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code slipway_migrations}: one attempt at one migration.
 *
 * <p>How a row reads: {@code finished_at} set and {@code rolled_back_at} empty — applied;
 * {@code rolled_back_at} set — marked rolled back by {@code resolve}, or undone by {@code rollback} (which
 * runs the migration's {@code down.sql}); neither set, {@code logs} set — an
 * attempt that failed with that error after {@code applied_steps} statements (resumable); neither set and no
 * {@code logs} — an attempt interrupted by a crash (or one running now in the session holding the lock).
 *
 * <p>{@code version} is {@link #REPEATABLE} for a repeatable migration ({@code R__<name>.sql}): each apply of it is a
 * row. {@code kind} says how an applied row came to be: null when Slipway ran the migration, {@link #BASELINE} when a
 * baseline or an import from another tool's history recorded it without running it, {@link #RESOLVED} when
 * {@code resolve} marked a migration applied that was never attempted.
 */
public record HistoryRow(
        UUID id,
        String version,
        String name,
        String checksum,
        String phase,
        Instant startedAt,
        Instant finishedAt,
        Instant rolledBackAt,
        String logs,
        int appliedSteps,
        Long executionMs,
        String appliedBy,
        String kind) {

    /** The {@code version} of a repeatable migration's rows. */
    public static final String REPEATABLE = "R";
    /** The {@code kind} of a row recorded by a baseline or imported from another tool's history. */
    public static final String BASELINE = "baseline";
    /** The {@code kind} of a row written by {@code resolve} for a migration never attempted. */
    public static final String RESOLVED = "resolved";

    /** Whether the row records an apply of a repeatable migration. */
    public boolean isRepeatable() {
        return REPEATABLE.equals(version);
    }

    /** Whether the row was recorded by a baseline or an import, without Slipway running the migration. */
    public boolean isBaseline() {
        return BASELINE.equals(kind);
    }

    public boolean isApplied() {
        return finishedAt != null && rolledBackAt == null;
    }

    public boolean isRolledBack() {
        return rolledBackAt != null;
    }

    /** Unfinished and not rolled back: failed (with logs) or interrupted (without). */
    public boolean isUnfinished() {
        return finishedAt == null && rolledBackAt == null;
    }

    public boolean isInterrupted() {
        return isUnfinished() && logs == null;
    }
}
