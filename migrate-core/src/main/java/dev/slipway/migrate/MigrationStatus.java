package dev.slipway.migrate;

import java.util.List;
import java.util.Optional;

/**
 * Every known migration, in version order, who holds the migration lock right now, and the problems validation
 * finds, all read at once (one read of the files and of the history).
 *
 * @param migrations files and history merged, oldest version first, then the repeatable migrations in description
 *     order
 * @param lockHolder the session holding the migration lock, if any
 * @param problems what {@link Slipway#validate()} would report on the same files and history; empty when valid
 */
public record MigrationStatus(
        List<MigrationInfo> migrations, Optional<LockHolder> lockHolder, List<ValidationProblem> problems) {

    public MigrationStatus {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
    }

    /** A status without validation problems. */
    public MigrationStatus(List<MigrationInfo> migrations, Optional<LockHolder> lockHolder) {
        this(migrations, lockHolder, List.of());
    }

    /** The migrations in the given state. */
    public List<MigrationInfo> inState(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).toList();
    }

    /**
     * The migrations pending or rolled back: expand ones the next {@code migrate()} would run, and contract ones
     * whose conditions hold, which the next {@code contract()} would run. Contract migrations that wait are
     * {@link MigrationState#AWAITING} and not among them.
     */
    public List<MigrationInfo> pending() {
        return migrations.stream()
                .filter(m -> m.state() == MigrationState.PENDING || m.state() == MigrationState.ROLLED_BACK)
                .toList();
    }

    /**
     * Whether every migration is applied and nothing needs attention: each is {@link MigrationState#APPLIED} or
     * {@link MigrationState#BASELINE}, or an
     * expand migration {@link MigrationState#FUTURE} (applied by a newer version of the application; a contract
     * migration from the future needs attention, see {@link MigrationState#FUTURE}), or a repeatable migration
     * {@link MigrationState#MISSING} (removed, or added by a newer version: no problem, see
     * {@link MigrationState#MISSING}).
     */
    public boolean isUpToDate() {
        return migrations.stream()
                .allMatch(m -> m.state() == MigrationState.APPLIED
                        || m.state() == MigrationState.BASELINE
                        || m.state() == MigrationState.FUTURE && m.phase() == MigrationPhase.EXPAND
                        || m.state() == MigrationState.MISSING && m.repeatable());
    }
}
