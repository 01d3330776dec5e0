package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.backfill.StopSignal;
import java.time.Duration;

/**
 * The {@link StopSignal} of a backfill run by a background task: the backfill stops after its current batch when
 * the application asks the task to stop, and its waits end at once.
 *
 * @param context the context of the task that runs the backfill
 */
record BackgroundTaskStopSignal(SlipwayBackgroundTaskContext context) implements StopSignal {

    @Override
    public boolean isStopRequested() {
        return context.isStopRequested();
    }

    @Override
    public boolean pause(Duration duration) throws InterruptedException {
        return context.pause(duration);
    }
}
