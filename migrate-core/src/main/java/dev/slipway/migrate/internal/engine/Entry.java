package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.ValidationProblem;
import dev.slipway.migrate.internal.discovery.MigrationScript;
import dev.slipway.migrate.internal.history.HistoryRow;

/**
 * One migration as the engine plans it: its file (null when missing), its latest history row (null when
 * never attempted), the derived state, and the validation problem it raises, if any.
 *
 * @param script the file, or null
 * @param latest the latest attempt, or null
 * @param info the public view
 * @param problem what validation says about it, or null when nothing is wrong
 */
public record Entry(MigrationScript script, HistoryRow latest, MigrationInfo info, ValidationProblem problem) {

    public MigrationState state() {
        return info.state();
    }

    /** Whether {@code migrate()} runs this migration: never attempted, rolled back, or a resumable attempt. */
    public boolean isRunnable() {
        return script != null
                && problem == null
                && (info.state() == MigrationState.PENDING || info.state() == MigrationState.ROLLED_BACK);
    }

    /** Whether it is a migration on disk whose file says {@code -- slipway:phase contract}. */
    public boolean isContract() {
        return script != null && script.phase() == MigrationPhase.CONTRACT;
    }

    /** Whether {@code migrate()} runs it now: runnable and an expand migration (a repeatable one included). */
    public boolean isRunnableExpand() {
        return isRunnable() && !isContract();
    }

    /** Whether {@code contract()} may run it, once its conditions hold: runnable and a contract migration. */
    public boolean isPendingContract() {
        return isRunnable() && isContract();
    }

    /**
     * Whether the run continues an earlier attempt (a non-transactional migration) instead of starting anew. A
     * repeatable migration never does: it runs again whole, from its first statement.
     */
    public boolean resumes() {
        return latest != null
                && latest.isUnfinished()
                && script != null
                && !script.transactional()
                && !script.repeatable();
    }
}
