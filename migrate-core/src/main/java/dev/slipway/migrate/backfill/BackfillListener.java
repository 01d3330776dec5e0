package dev.slipway.migrate.backfill;

import java.time.Duration;

/**
 * Receives what happens while backfills run: the Spring Boot integration binds it to metrics. Every method has an
 * empty default and is called on the thread that runs the backfill; an exception thrown by a listener is logged
 * and otherwise ignored.
 */
public interface BackfillListener {

    /**
     * This instance took the backfill over and is about to run its batches.
     * @param status the backfill as it was when taken over
     */
    default void backfillStarted(BackfillStatus status) {}

    /**
     * A batch committed.
     * @param report what it did
     */
    default void batchCompleted(BatchReport report) {}

    /**
     * A batch failed with a transient error (deadlock, serialization failure, lock or statement timeout, lost
     * connection) and is tried again after a back-off.
     * @param backfill the backfill's name
     * @param attempt the attempt that failed, from 1
     * @param backoff the wait before the next attempt
     * @param error the error's message
     */
    default void batchRetried(String backfill, int attempt, Duration backoff, String error) {}

    /**
     * The backfill reached {@link BackfillState#COMPLETED} or {@link BackfillState#FAILED} on this instance.
     * @param status the backfill in its new state
     */
    default void backfillEnded(BackfillStatus status) {}
}
