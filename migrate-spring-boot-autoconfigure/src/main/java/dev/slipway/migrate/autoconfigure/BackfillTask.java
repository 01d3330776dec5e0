package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.TransactionPoolerException;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import dev.slipway.migrate.backfill.StopSignal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task {@code backfill-<name>} that runs one {@link Backfill} bean until it is complete.
 *
 * <ol>
 *   <li>{@link Backfills#run} the backfill with the task's stop signal. It waits by itself for the migrations the
 *       backfill requires, for another instance that runs it, and while it is paused.</li>
 *   <li>{@code COMPLETED}: the task returns; it has finished and is not restarted.</li>
 *   <li>{@code FAILED}: log the error and what to do, then check every poll interval until the backfill is no
 *       longer failed (an operator retried it through the endpoint or {@link Backfills#retry}), and run it
 *       again.</li>
 *   <li>A transaction pooler between Slipway and PostgreSQL ({@link TransactionPoolerException}): logged once at
 *       {@code ERROR} with the fix; the task returns (finished, not restarted).</li>
 *   <li>An error that {@code run} throws (the database cannot be reached) is logged, and the task tries again after
 *       a back-off that starts at the poll interval and doubles up to {@value #MAX_BACKOFF_MINUTES} minutes. Anything
 *       else that escapes {@code run} (an {@link Error}) ends the run, and {@link SlipwayBackgroundTasks} restarts
 *       the task after a back-off of its own; the backfill goes on from its saved cursor.</li>
 *   <li>A stop request ends the task after the current batch; the cursor is saved, the backfill stays
 *       {@code RUNNING}, and the next start (of this or any instance) continues from it.</li>
 * </ol>
 */
final class BackfillTask implements SlipwayBackgroundTask {

    private static final Logger log = LoggerFactory.getLogger(BackfillTask.class);

    private static final long MAX_BACKOFF_MINUTES = 5;

    private final Backfill backfill;
    private final Backfills backfills;
    private final Duration pollInterval;

    BackfillTask(Backfill backfill, Backfills backfills, Duration pollInterval) {
        this.backfill = Objects.requireNonNull(backfill, "'backfill' must not be null");
        this.backfills = Objects.requireNonNull(backfills, "'backfills' must not be null");
        this.pollInterval = Objects.requireNonNull(pollInterval, "'pollInterval' must not be null");
    }

    @Override
    public String name() {
        return "backfill-" + backfill.name();
    }

    Backfill backfill() {
        return backfill;
    }

    @Override
    public void run(SlipwayBackgroundTaskContext context) throws InterruptedException {
        StopSignal stop = new BackgroundTaskStopSignal(context);
        Duration backoff = pollInterval;
        while (!context.isStopRequested()) {
            BackfillStatus status;
            try {
                status = backfills.run(backfill, stop);
                backoff = pollInterval;
            } catch (TransactionPoolerException ex) {
                PoolerRefusal.log(log, name(), ex);
                return;
            } catch (RuntimeException ex) {
                log.warn(
                        "Backfill {} could not run, trying again in {} ms: {}",
                        backfill.name(),
                        backoff.toMillis(),
                        ex.getMessage(),
                        ex);
                if (!context.pause(backoff)) {
                    return;
                }
                backoff = min(backoff.multipliedBy(2), Duration.ofMinutes(MAX_BACKOFF_MINUTES));
                continue;
            }
            if (status.state() == BackfillState.COMPLETED) {
                return;
            }
            if (status.state() == BackfillState.FAILED) {
                if (!awaitRetry(context)) {
                    return;
                }
            } else if (!context.pause(pollInterval)) {
                return; // run() returns early only when asked to stop; never spin if it did not
            }
        }
    }

    /** Waits until the failed backfill is retried; false when a stop was requested meanwhile. */
    private boolean awaitRetry(SlipwayBackgroundTaskContext context) throws InterruptedException {
        log.warn(
                "Backfill {} is FAILED (see its lastError). Once the cause is fixed, retry it from its saved cursor:"
                        + " POST /actuator/slipway/backfills/{}/retry (with slipway.actuator.write-operations.enabled=true)"
                        + " or Backfills#retry; this instance checks every {} ms whether it was retried.",
                backfill.name(),
                backfill.name(),
                pollInterval.toMillis());
        while (context.pause(pollInterval)) {
            try {
                Optional<BackfillStatus> now = backfills.status(backfill.name());
                if (now.isEmpty() || now.get().state() != BackfillState.FAILED) {
                    log.info(
                            "Backfill {} was retried ({}); running it again",
                            backfill.name(),
                            now.map(s -> s.state().name()).orElse("no longer recorded"));
                    return true;
                }
            } catch (RuntimeException ex) {
                log.warn(
                        "Could not read the state of failed backfill {}; checking again in {} ms: {}",
                        backfill.name(),
                        pollInterval.toMillis(),
                        ex.getMessage());
            }
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
