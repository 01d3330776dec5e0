package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.Objects;

import dev.slipway.migrate.Slipway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task {@code heartbeat}: keeps this instance's row in {@code slipway_instances} alive, so that
 * contract migrations know which versions of the application still run.
 *
 * <ol>
 *   <li>Every heartbeat interval, {@link Slipway#heartbeat()} (the row was first written at startup, before the
 *       migrations, by {@link SlipwayMigrationInitializer}). A heartbeat that fails (the database is unreachable) is
 *       logged and tried again at the next interval; the row expires after three missed intervals, and contract
 *       migrations then no longer wait for this instance.</li>
 *   <li>On shutdown (after the web server has drained), {@link Slipway#leave()} removes the row at once, so that a
 *       contract migration waiting for this version can apply without waiting for the row to expire.</li>
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
                try {
                    slipway.heartbeat();
                    if (failing) {
                        log.info("Heartbeat into slipway_instances works again");
                        failing = false;
                    }
                }
                catch (RuntimeException ex) {
                    log.warn("Heartbeat into slipway_instances failed, trying again in {} ms (this instance is "
                            + "considered gone after three missed heartbeats): {}", interval.toMillis(),
                            ex.getMessage());
                    failing = true;
                }
            }
            while (context.pause(interval));
        }
        finally {
            leave();
        }
    }

    private void leave() {
        try {
            slipway.leave();
            log.info("Removed this instance from slipway_instances");
        }
        catch (RuntimeException ex) {
            log.warn("Could not remove this instance from slipway_instances; its row expires within three heartbeat "
                    + "intervals ({} ms): {}", interval.multipliedBy(3).toMillis(), ex.getMessage());
        }
    }
}
