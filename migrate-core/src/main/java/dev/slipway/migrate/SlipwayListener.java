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

    /**
     * A statement of a migration is about to run: in a transaction or outside one, a {@code CREATE INDEX
     * CONCURRENTLY} included, and the statements of a {@code down.sql} during a rollback. Called again for each
     * statement that runs again (a transactional migration retried after a lock timeout runs all of them again). The
     * statement ends when the next event arrives: the next statement, a retry, or the migration applied or failed.
     */
    default void statementStarted(MigrationStatement statement) {}

    /** A migration finished; {@code migration} is its new, applied state. */
    default void migrationApplied(MigrationInfo migration, Duration duration) {}

    /** A migration failed; the exception is then thrown from {@code migrate()}. */
    default void migrationFailed(MigrationInfo migration, SlipwayException error) {}

    /** A statement hit {@code lock_timeout} and is retried after a back-off. */
    default void lockTimeoutRetry(LockTimeoutRetry retry) {}
}
