package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.TransactionPoolerException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task {@code heartbeat}: keeps this instance's row in {@code slipway_instances} alive, so that
 * contract migrations know which versions of the application still run.
 *
 * <ol>
 *   <li>Every heartbeat interval, {@link Slipway#heartbeat()} (the row was first written at startup, before the
 *       migrations, by {@link SlipwayMigrationInitializer}).</li>
 *   <li>A heartbeat that fails with any exception (a failover, a network blip, the database refusing the statement)
 *       is logged at {@code WARN} and tried again at the next interval; the task goes on, and the row stays. Only
 *       when no heartbeat succeeds for three intervals does the row expire, and contract migrations then no longer
 *       wait for this instance. The next heartbeat that works says so in the log. A transaction pooler
 *       ({@link TransactionPoolerException}) is the exception: logged once at {@code ERROR}, and the task ends.</li>
 *   <li>Only on a clean shutdown (the application asked the task to stop, after the web server has drained),
 *       {@link Slipway#leave()} removes the row at once, so that a contract migration waiting for this version can
 *       apply without waiting for the row to expire. Never otherwise: an error that ends the task (an
 *       {@link Error}) leaves the row in place, since the instance still serves this version's code, and
 *       {@link SlipwayBackgroundTasks} restarts the task.</li>
 * </ol>
 */
final class HeartbeatTask implements SlipwayBackgroundTask {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatTask.class);

    private final Slipway slipway;
    private final Duration interval;

    HeartbeatTask(Slipway slipway, Duration interval) {
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
        this.interval = Objects.requireNonNull(interval, "'interval' must not be null");
    }

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public void run(SlipwayBackgroundTaskContext context) throws InterruptedException {
        boolean failing = false;
        try {
            do {
                failing = !beat(failing);
            } while (context.pause(interval));
        } catch (TransactionPoolerException ex) {
            PoolerRefusal.log(log, name(), ex);
        } finally {
            if (context.isStopRequested()) {
                leave();
            }
        }
    }

    /** One heartbeat; true when it worked. */
    private boolean beat(boolean wasFailing) {
        try {
            slipway.heartbeat();
            if (wasFailing) {
                log.info("Heartbeat into slipway_instances works again");
            }
            return true;
        } catch (TransactionPoolerException ex) {
            throw ex;
        } catch (Exception ex) {
            String message = "Heartbeat into slipway_instances failed, trying again in {} ms (this instance is "
                    + "considered gone after three missed heartbeats, {} ms): {}";
            if (ex instanceof SlipwayException) {
                log.warn(message, interval.toMillis(), interval.multipliedBy(3).toMillis(), ex.getMessage());
            } else {
                log.warn(message, interval.toMillis(), interval.multipliedBy(3).toMillis(), ex.toString(), ex);
            }
            return false;
        }
    }

    private void leave() {
        try {
            slipway.leave();
            log.info("Removed this instance from slipway_instances");
        } catch (Exception ex) {
            log.warn(
                    "Could not remove this instance from slipway_instances; its row expires within three heartbeat "
                            + "intervals ({} ms): {}",
                    interval.multipliedBy(3).toMillis(),
                    ex.getMessage());
        }
    }
}
