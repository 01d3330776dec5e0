package dev.slipway.migrate.internal.engine;

import java.time.Duration;

/**
 * Lock conflicts of one statement (or of one transactional migration or down file): how many, and since when.
 * {@link LockConflictRetry} decides from it whether another attempt fits in the budget.
 */
final class LockRetries {

    int count;
    private long firstConflict;

    void conflict() {
        if (count++ == 0) {
            firstConflict = System.nanoTime();
        }
    }

    Duration elapsed() {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - firstConflict);
    }
}
