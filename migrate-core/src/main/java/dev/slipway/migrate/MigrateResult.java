package dev.slipway.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link Slipway#migrate()} did.
 *
 * @param applied the migrations this call applied, in order, in their new state
 * @param lockWait how long the call waited for the migration lock
 * @param duration how long the whole call took
 */
public record MigrateResult(List<MigrationInfo> applied, Duration lockWait, Duration duration) {

    public MigrateResult {
        applied = List.copyOf(applied);
    }

    /** How many migrations this call applied. */
    public int appliedCount() {
        return applied.size();
    }
}
