package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.LockTimeoutRetry;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.postgres.ServerError;
import dev.slipway.migrate.internal.postgres.SqlStates;
import dev.slipway.migrate.internal.sql.SqlStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runners do when a statement cannot get its lock within {@code lock_timeout} (or loses a deadlock):
 * within the retry budget, report the conflict, sleep an exponential back-off with full jitter and say "again";
 * otherwise let the caller fail. The caller has rolled back what the attempt did before asking.
 */
final class LockConflictRetry {

    private static final Logger log = LoggerFactory.getLogger(LockConflictRetry.class);

    private final SlipwayConfig config;
    private final Listeners listeners;
    private final Backoff backoff;

    LockConflictRetry(SlipwayConfig config, Listeners listeners) {
        this.config = config;
        this.listeners = listeners;
        this.backoff = new Backoff(config.ddlRetryInitialBackoff(), config.ddlRetryMaxBackoff());
    }

    /**
     * On a lock conflict within the budget: report, sleep the back-off and return true. The budget counts from
     * the first conflict of the statement (of the whole transaction, when transactional), not from the start of
     * the run, so a long index build before it does not use it up.
     *
     * @param what what is running, for the log: {@code Migration 20240101000000_init}
     * @param version the migration's version, for the listener
     * @param name the migration's name, for the listener
     * @param sql the statement that hit the conflict
     */
    boolean shouldRetry(
            SQLException e, LockRetries retries, String what, String version, String name, SqlStatement sql) {
        String sqlState = ServerError.from(e).sqlState();
        if (!SqlStates.isLockConflict(sqlState)) {
            return false;
        }
        retries.conflict();
        Duration pause = backoff.next(retries.count);
        Duration elapsed = retries.elapsed();
        if (elapsed.plus(pause).compareTo(config.ddlRetryBudget()) > 0) {
            return false;
        }
        log.warn(
                "{}: statement {} (line {}) could not get its lock within lock_timeout (SQLSTATE {}); "
                        + "attempt {} failed, retrying in {} ms (retried for {} ms of a {} ms budget)",
                what,
                sql.number(),
                sql.line(),
                sqlState,
                retries.count,
                pause.toMillis(),
                elapsed.toMillis(),
                config.ddlRetryBudget().toMillis());
        listeners.lockTimeoutRetry(
                new LockTimeoutRetry(version, name, sql.number(), sql.line(), retries.count, pause, sqlState));
        try {
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(
                    SlipwayError.INTERRUPTED,
                    "Interrupted while waiting to retry: " + what,
                    Action.none(),
                    interrupted);
        }
        return true;
    }
}
