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
        String appliedBy) {

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
