package dev.slipway.migrate.autoconfigure.metrics;

import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.BatchReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the batches of the backfills this instance runs as meters, each tagged {@code backfill} with the
 * backfill's name:
 * <ul>
 *   <li>{@code slipway.backfill.rows}: a counter of the rows the batches changed;</li>
 *   <li>{@code slipway.backfill.batch.duration}: a timer of the batches, from the first statement to the
 *       commit.</li>
 * </ul>
 * It also counts the changes it has seen, so that {@link SlipwayBackfillProgressMeterBinder} re-reads the progress
 * after a batch.
 */
public class SlipwayBackfillMetricsListener implements BackfillListener {

    static final String ROWS = "slipway.backfill.rows";

    static final String BATCH_DURATION = "slipway.backfill.batch.duration";

    static final String TAG = "backfill";

    private final MeterRegistry registry;

    private final AtomicLong changes = new AtomicLong();

    /**
     * Creates a listener that records into the given registry.
     * @param registry where meters are recorded
     */
    public SlipwayBackfillMetricsListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
    }

    @Override
    public void backfillStarted(BackfillStatus status) {
        this.changes.incrementAndGet();
    }

    @Override
    public void batchCompleted(BatchReport report) {
        Counter.builder(ROWS)
                .description("Rows changed by backfill batches")
                .baseUnit("rows")
                .tag(TAG, report.backfill())
                .register(this.registry)
                .increment(report.rowsUpdated());
        Timer.builder(BATCH_DURATION)
                .description("Time taken by a backfill batch, from its first statement to its commit")
                .tag(TAG, report.backfill())
                .register(this.registry)
                .record(report.duration());
        this.changes.incrementAndGet();
    }

    @Override
    public void backfillEnded(BackfillStatus status) {
        this.changes.incrementAndGet();
    }

    /**
     * How many events this listener has seen; a change means some backfill's progress changed.
     * @return the number of changes so far
     */
    long changes() {
        return this.changes.get();
    }
}
