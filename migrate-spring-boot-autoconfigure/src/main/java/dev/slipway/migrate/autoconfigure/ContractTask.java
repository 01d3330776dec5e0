package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.ContractResult;
import dev.slipway.migrate.InvalidMigrationException;
import dev.slipway.migrate.MigrationFailedException;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationValidationException;
import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.TransactionPoolerException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task {@code contract} of {@link ContractMode#AUTO}: applies the pending contract migrations once
 * their conditions hold.
 *
 * <ol>
 *   <li>Right away, then every check interval, {@link Slipway#contract()}: it applies, under the migration lock,
 *       each contract migration whose required backfills are complete and which every live instance ships, and logs
 *       what the others wait for.</li>
 *   <li>When a contract migration fails (its SQL, a data-loss check, a modified file), log the error and what to
 *       do, and apply nothing more automatically: retrying a failing destructive migration every few seconds would
 *       only fill the history with failed attempts: the task returns, which {@link SlipwayBackgroundTasks} takes as
 *       finished (health shows it {@code FINISHED}) and does not restart. After the fix, a restart, or the trigger
 *       {@code POST /actuator/slipway/migrations/contract}, applies it.</li>
 *   <li>A transaction pooler between Slipway and PostgreSQL ({@link TransactionPoolerException}): logged once at
 *       {@code ERROR} with the fix, and the task returns, as above.</li>
 *   <li>Any other exception (the database is unreachable, the lock was held too long) is logged, and the next
 *       interval tries again. An error that escapes (an {@link Error}) ends the run, and
 *       {@link SlipwayBackgroundTasks} restarts the task after a back-off.</li>
 * </ol>
 */
final class ContractTask implements SlipwayBackgroundTask {

    private static final Logger log = LoggerFactory.getLogger(ContractTask.class);

    private final Slipway slipway;
    private final Duration interval;

    ContractTask(Slipway slipway, Duration interval) {
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
        this.interval = Objects.requireNonNull(interval, "'interval' must not be null");
    }

    @Override
    public String name() {
        return "contract";
    }

    @Override
    public void run(SlipwayBackgroundTaskContext context) throws InterruptedException {
        do {
            try {
                ContractResult result = slipway.contract();
                for (MigrationInfo applied : result.applied()) {
                    log.info("Applied contract migration {} in the background", applied.id());
                }
            } catch (MigrationFailedException | MigrationValidationException | InvalidMigrationException ex) {
                log.error(
                        "A contract migration could not be applied; this instance applies no more contract "
                                + "migrations until it restarts or they are triggered with POST "
                                + "/actuator/slipway/migrations/contract (with slipway.actuator.write-operations.enabled=true)."
                                + " What failed:\n{}",
                        ex.getMessage());
                return;
            } catch (TransactionPoolerException ex) {
                PoolerRefusal.log(log, name(), ex);
                return;
            } catch (RuntimeException ex) {
                log.warn(
                        "Could not check the contract migrations, trying again in {} ms: {}",
                        interval.toMillis(),
                        ex.getMessage());
            }
        } while (context.pause(interval));
    }
}
