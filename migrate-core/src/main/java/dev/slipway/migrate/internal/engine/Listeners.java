package dev.slipway.migrate.internal.engine;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.LockTimeoutRetry;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to every listener; a listener that throws is logged and does not stop the migration. */
public final class Listeners implements SlipwayListener {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<SlipwayListener> listeners;

    public Listeners(List<SlipwayListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void lockWaiting(LockHolder holder, Duration waitedSoFar) {
        each(l -> l.lockWaiting(holder, waitedSoFar));
    }

    @Override
    public void lockAcquired(Duration waited) {
        each(l -> l.lockAcquired(waited));
    }

    @Override
    public void migrationStarted(MigrationInfo migration) {
        each(l -> l.migrationStarted(migration));
    }

    @Override
    public void migrationApplied(MigrationInfo migration, Duration duration) {
        each(l -> l.migrationApplied(migration, duration));
    }

    @Override
    public void migrationFailed(MigrationInfo migration, SlipwayException error) {
        each(l -> l.migrationFailed(migration, error));
    }

    @Override
    public void lockTimeoutRetry(LockTimeoutRetry retry) {
        each(l -> l.lockTimeoutRetry(retry));
    }

    private void each(Consumer<SlipwayListener> call) {
        for (SlipwayListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn(
                        "Slipway listener {} failed; ignoring it",
                        listener.getClass().getName(),
                        e);
            }
        }
    }
}
