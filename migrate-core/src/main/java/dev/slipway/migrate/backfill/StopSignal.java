package dev.slipway.migrate.backfill;

import java.time.Duration;

/**
 * Tells a running backfill when to stop, and lets it wait without missing a stop request. The Spring Boot
 * integration passes the context of its background task; plain Java code can use {@link #create()}.
 */
public interface StopSignal {

    /**
     * Whether a stop was requested; the backfill then ends after its current batch.
     * @return {@code true} once a stop is requested
     */
    boolean isStopRequested();

    /**
     * Waits for the given time, or less if a stop is requested meanwhile.
     * @param duration how long to wait
     * @return {@code true} when the whole time passed, {@code false} when a stop was requested
     * @throws InterruptedException when the thread is interrupted
     */
    boolean pause(Duration duration) throws InterruptedException;

    /**
     * A signal that is stopped by calling {@link Manual#requestStop()}.
     * @return a new signal, not yet stopped
     */
    static Manual create() {
        return new Manual();
    }

    /** A {@link StopSignal} stopped by a call to {@link #requestStop()}, from any thread. */
    final class Manual implements StopSignal {

        private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

        private Manual() {}

        /** Asks the backfill to stop after its current batch. */
        public void requestStop() {
            stopped.countDown();
        }

        @Override
        public boolean isStopRequested() {
            return stopped.getCount() == 0;
        }

        @Override
        public boolean pause(Duration duration) throws InterruptedException {
            return !stopped.await(duration.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
