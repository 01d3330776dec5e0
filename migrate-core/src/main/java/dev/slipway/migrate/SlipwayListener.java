package dev.slipway.migrate;

import java.time.Duration;

/**
 * Receives what happens while Slipway runs: the integration modules bind it to metrics, health and the
 * Actuator endpoint. Every method has an empty default, and is called on the thread that runs
 * {@link Slipway#migrate()}; an exception thrown by a listener is logged and otherwise ignored.
 */
public interface SlipwayListener {

    /** Another session holds the migration lock; called on every poll while waiting. */
    default void lockWaiting(LockHolder holder, Duration waitedSoFar) {}

    /** The migration lock was acquired after waiting for the given time (zero when it was free). */
    default void lockAcquired(Duration waited) {}

    /** A migration is about to run. */
    default void migrationStarted(MigrationInfo migration) {}

    /** A migration finished; {@code migration} is its new, applied state. */
    default void migrationApplied(MigrationInfo migration, Duration duration) {}

    /** A migration failed; the exception is then thrown from {@code migrate()}. */
    default void migrationFailed(MigrationInfo migration, SlipwayException error) {}

    /** A statement hit {@code lock_timeout} and is retried after a back-off. */
    default void lockTimeoutRetry(LockTimeoutRetry retry) {}
}
