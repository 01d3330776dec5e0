package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockWaitTimeoutException;
import dev.slipway.migrate.Setting;
import java.time.Duration;
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
                + " (" + SpringSettings.property(Setting.LOCK_WAIT_TIMEOUT) + "), so it applied nothing.\n"
                + "-> held by: " + ((holder != null) ? holder : "a session that has ended since");
        return new FailureAnalysis(description, SpringSettings.render(cause.getAction()), cause);
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
