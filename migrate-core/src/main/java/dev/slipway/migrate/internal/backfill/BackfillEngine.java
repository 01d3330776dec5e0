package dev.slipway.migrate.internal.backfill;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.backfill.BackfillConfig;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.StopSignal;

/** Interim: the engine is being written; this commit fixes the public API only. */
public final class BackfillEngine {

    public BackfillEngine(DataSource dataSource, SlipwayConfig config, BackfillConfig backfillConfig,
            List<BackfillListener> listeners) {
    }

    public BackfillStatus run(Backfill backfill, StopSignal stop) throws InterruptedException {
        throw new UnsupportedOperationException("interim");
    }

    public List<BackfillStatus> status() {
        throw new UnsupportedOperationException("interim");
    }

    public Optional<BackfillStatus> status(String name) {
        throw new UnsupportedOperationException("interim");
    }

    public BackfillStatus pause(String name) {
        throw new UnsupportedOperationException("interim");
    }

    public BackfillStatus resume(String name) {
        throw new UnsupportedOperationException("interim");
    }

    public BackfillStatus retry(String name) {
        throw new UnsupportedOperationException("interim");
    }
}
