package dev.slipway.migrate.internal.engine;

import java.time.Duration;

/**
 * Lock conflicts of one statement (or of one transactional migration or down file): how many, and since when.
 * {@link LockConflictRetry} decides from it whether another attempt fits in the budget. Made right before the first
 * attempt.
 */
final class LockRetries {

    int count;
    private final long since = System.nanoTime();
    private long firstConflict;

    void conflict() {
        if (count++ == 0) {
            firstConflict = System.nanoTime();
        }
    }

    /** Since the first conflict: what the retry budget counts. */
    Duration elapsed() {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - firstConflict);
    }

    /**
     * Since the first attempt began (this object is made right before it), for the report: the first attempt's wait
     * of {@code lock_timeout} included.
     */
    Duration total() {
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
