package dev.slipway.migrate;

import java.time.Duration;

/**
 * A DDL statement that hit {@code lock_timeout} (or a deadlock) and is about to be retried.
 *
 * @param version the migration's version; null for a repeatable migration ({@code R__<description>.sql})
 * @param name the migration's name (a repeatable migration's description)
 * @param statement the 1-based number of the statement that could not get its lock
 * @param line the line of that statement in the file
 * @param attempt the 1-based number of the attempt that failed
 * @param backoff how long Slipway sleeps before the next attempt
 * @param sqlState the SQLSTATE reported ({@code 55P03} lock_not_available, {@code 40P01} deadlock_detected)
 */
public record LockTimeoutRetry(
        String version, String name, int statement, int line, int attempt, Duration backoff, String sqlState) {}
