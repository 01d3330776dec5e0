package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a running {@link SlipwayBackgroundTask} is given: whether it has been asked to stop, and a pause that ends
 * early when it is. One context per task and start of the application, kept when a task that died is restarted.
 */
public final class SlipwayBackgroundTaskContext {

    private final CountDownLatch stopRequested = new CountDownLatch(1);

    SlipwayBackgroundTaskContext() {}

    /**
     * Whether the application asked the task to stop; the task should return soon after this turns true.
     * @return {@code true} once a stop is requested
     */
    public boolean isStopRequested() {
        return stopRequested.getCount() == 0;
    }

    /**
     * Waits for the given time, or less if a stop is requested meanwhile. A periodic task is a loop:
     * {@code while (context.pause(interval)) { doOneStep(); }}.
     * @param duration how long to wait
     * @return {@code true} when the whole time passed and the task may go on, {@code false} when it should stop
     * @throws InterruptedException when the thread is interrupted, i.e. the task ignored a stop request for too long
     */
    public boolean pause(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "'duration' must not be null");
        return !stopRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    void requestStop() {
        stopRequested.countDown();
    }
}
