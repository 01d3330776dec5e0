package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.BatchReport;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, logging (and otherwise ignoring) what a listener throws. */
final class BackfillListeners {

    private static final Logger log = LoggerFactory.getLogger(BackfillListeners.class);

    private final List<BackfillListener> listeners;

    BackfillListeners(List<BackfillListener> listeners) {
        this.listeners = listeners;
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    void started(BackfillStatus status) {
        each(l -> l.backfillStarted(status));
    }

    void batch(BatchReport report) {
        each(l -> l.batchCompleted(report));
    }

    void retried(String backfill, int attempt, Duration backoff, String error) {
        each(l -> l.batchRetried(backfill, attempt, backoff, error));
    }

    void ended(BackfillStatus status) {
        each(l -> l.backfillEnded(status));
    }

    private void each(Consumer<BackfillListener> call) {
        for (BackfillListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn(
                        "Backfill listener {} failed; ignoring it",
                        listener.getClass().getName(),
                        e);
            }
        }
    }
}
