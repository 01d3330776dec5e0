package dev.slipway.migrate.autoconfigure.diagnostics;

import java.time.Duration;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockWaitTimeoutException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes a {@link LockWaitTimeoutException}: another session held the migration lock for longer than
 * {@code slipway.lock.wait-timeout}. Names that session and says how to let it finish or end it.
 */
class LockWaitTimeoutFailureAnalyzer extends AbstractFailureAnalyzer<LockWaitTimeoutException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LockWaitTimeoutException cause) {
        LockHolder holder = cause.getHolder();
        String description = "Slipway gave up waiting for the migration lock after " + format(cause.getWaited())
                + " (slipway.lock.wait-timeout), so it applied nothing.\n"
                + "-> held by: " + ((holder != null) ? holder : "a session that has ended since");
        String pid = (holder != null) ? String.valueOf(holder.pid()) : "<pid>";
        String action = "Another instance is applying migrations: let it finish, then start this one again. If that "
                + "session is stuck, end it with SELECT pg_terminate_backend(" + pid + "). To wait longer, raise "
                + "slipway.lock.wait-timeout.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String format(Duration waited) {
        long millis = waited.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
