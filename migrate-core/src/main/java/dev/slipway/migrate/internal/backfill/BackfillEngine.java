package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.StopSignal;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs and controls backfills for {@link dev.slipway.migrate.backfill.Backfills} (see its {@code run} for the
 * contract). The work is done by three classes of this package:
 *
 * <ol>
 *   <li>{@link BackfillLoop}: one {@code run} on one instance: polling, waiting (paused, required migrations, another
 *       instance running it), claiming the record under the backfill's advisory lock, and taking over from a runner
 *       that stopped.</li>
 *   <li>{@link BatchLoop}: the batches of a run that holds the lock: each batch and its cursor save in one
 *       transaction, fenced by the record's owner; the adaptive batch size; retries; the final sweep.</li>
 *   <li>{@link BackfillOperations}: status, pause, resume and retry, from any instance.</li>
 * </ol>
 * The logs of all three go to this class's logger.
 */
public final class BackfillEngine {

    private final BackfillLoop loop;
    private final BackfillOperations operations;

    /** How the engine makes the lock of a backfill on a connection. */
    @FunctionalInterface
    interface BackfillLocks {
        AdvisoryLock on(Connection connection, String schema, String table, String backfill);
    }

    public BackfillEngine(
            DataSource dataSource,
            SlipwayConfig config,
            BackfillConfig backfillConfig,
            List<BackfillListener> listeners) {
        this.loop = new BackfillLoop(dataSource, config, backfillConfig, new BackfillListeners(List.copyOf(listeners)));
        this.operations = new BackfillOperations(dataSource, config);
    }

    /**
     * A seam for tests only: the engine takes the lock made here instead of the backfill's lock (e.g. one with a key
     * of its own, so that two engines both believe they hold it); everything else runs as always.
     */
    BackfillEngine locks(BackfillLocks locks) {
        loop.locks(locks);
        return this;
    }

    public BackfillStatus run(Backfill backfill, StopSignal stop) throws InterruptedException {
        return loop.run(backfill, stop, operations);
    }

    public List<BackfillStatus> status() {
        return operations.status();
    }

    public Optional<BackfillStatus> status(String name) {
        return operations.status(name);
    }

    public BackfillStatus pause(String name) {
        return operations.pause(name);
    }

    public BackfillStatus resume(String name) {
        return operations.resume(name);
    }

    public BackfillStatus retry(String name) {
        return operations.retry(name);
    }
}
