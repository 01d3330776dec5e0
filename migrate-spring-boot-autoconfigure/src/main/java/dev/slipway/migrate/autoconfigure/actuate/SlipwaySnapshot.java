package dev.slipway.migrate.autoconfigure.actuate;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationPhase;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.ValidationProblem;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the endpoint and the health contributor both report: the status of every migration, the validation
 * problems and the overall state derived from them.
 *
 * <ol>
 *   <li>Read {@link Slipway#status()}: files and history merged, and the lock holder.</li>
 *   <li>Only when a migration is {@code FAILED}, {@code MODIFIED} or {@code MISSING}, also run
 *       {@link Slipway#validate()} for the problems' messages (a second read, paid only when something is
 *       wrong), or a contract migration is {@code FUTURE} (a newer version of the application applied it, and this
 *       older version must not serve after it). Validation decides: a missing migration that is configured to be
 *       ignored is no problem. An expand migration {@code FUTURE} is not suspect at all, nor is a repeatable
 *       migration {@code MISSING} (removed, or added by a newer version of the application).</li>
 *   <li>Derive the {@link SlipwayState}: failed, else invalid, else pending, else awaiting, else up to date
 *       (migrations from the future included).</li>
 * </ol>
 *
 * @param status the status read
 * @param problems the validation problems, empty when none
 * @param state the overall state
 */
record SlipwaySnapshot(MigrationStatus status, List<ValidationProblem> problems, SlipwayState state) {

    private static final Set<MigrationState> SUSPECT =
            EnumSet.of(MigrationState.FAILED, MigrationState.MODIFIED, MigrationState.MISSING);

    SlipwaySnapshot {
        problems = List.copyOf(problems);
    }

    static SlipwaySnapshot of(Slipway slipway) {
        MigrationStatus status = slipway.status();
        boolean suspect = status.migrations().stream().anyMatch(SlipwaySnapshot::isSuspect);
        List<ValidationProblem> problems = suspect ? slipway.validate().problems() : List.of();
        return new SlipwaySnapshot(status, problems, stateOf(status, problems));
    }

    private static boolean isSuspect(MigrationInfo migration) {
        if (migration.repeatable() && migration.state() == MigrationState.MISSING) {
            return false; // a removed repeatable migration is no problem, see MigrationState.MISSING
        }
        return SUSPECT.contains(migration.state())
                || migration.state() == MigrationState.FUTURE && migration.phase() == MigrationPhase.CONTRACT;
    }

    /** How many migrations are in the given state. */
    long count(MigrationState state) {
        return this.status.migrations().stream().filter(m -> m.state() == state).count();
    }

    private static SlipwayState stateOf(MigrationStatus status, List<ValidationProblem> problems) {
        if (!status.inState(MigrationState.FAILED).isEmpty()) {
            return SlipwayState.FAILED;
        }
        if (!problems.isEmpty()) {
            return SlipwayState.INVALID;
        }
        if (!status.pending().isEmpty()) {
            return SlipwayState.PENDING;
        }
        if (!status.inState(MigrationState.AWAITING).isEmpty()) {
            return SlipwayState.AWAITING;
        }
        return SlipwayState.UP_TO_DATE;
    }
}
