package dev.slipway.migrate.autoconfigure.metrics;

import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.Backfills;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the {@code slipway.backfill.progress} gauge: the progress from 0 to 1 of each backfill the application
 * declares, tagged {@code backfill} with its name. The figure is the fleet's, read from {@code slipway_backfills},
 * so every instance reports the same value whichever instance runs the batches.
 *
 * <ol>
 *   <li>A scrape within the time to live of the last read uses the cached figures.</li>
 *   <li>They are read again when the time to live has passed, or as soon as the
 *       {@link SlipwayBackfillMetricsListener} (when there is one) has seen a batch, a start or an end.</li>
 *   <li>A backfill not recorded yet reports 0; when the table cannot be read, every gauge reports {@code NaN}
 *       until the next read.</li>
 * </ol>
 */
public class SlipwayBackfillProgressMeterBinder implements MeterBinder {

    static final String PROGRESS = "slipway.backfill.progress";

    /** How long the figures are reused before {@code slipway_backfills} is read again. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SlipwayBackfillProgressMeterBinder.class);

    private final Backfills backfills;

    private final List<String> names;

    private final SlipwayBackfillMetricsListener listener;

    private final long timeToLiveNanos;

    private Clock clock = Clock.SYSTEM;

    private Map<String, Double> progress;

    private long readAt;

    private long changesAtRead = -1;

    /**
     * Creates a binder.
     * @param backfills reads the progress
     * @param names the names of the backfills to report, one gauge each
     * @param listener a listener whose changes make the cache stale, or null
     * @param timeToLive how long figures are reused before they are read again
     */
    public SlipwayBackfillProgressMeterBinder(
            Backfills backfills,
            Collection<String> names,
            SlipwayBackfillMetricsListener listener,
            Duration timeToLive) {
        this.backfills = Objects.requireNonNull(backfills, "'backfills' must not be null");
        this.names = List.copyOf(Objects.requireNonNull(names, "'names' must not be null"));
        this.listener = listener;
        this.timeToLiveNanos = Objects.requireNonNull(timeToLive, "'timeToLive' must not be null")
                .toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.clock = registry.config().clock();
        for (String name : this.names) {
            Gauge.builder(PROGRESS, this, binder -> binder.progress(name))
                    .description("Progress of a backfill, from 0 to 1")
                    .tag(SlipwayBackfillMetricsListener.TAG, name)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private synchronized double progress(String name) {
        long now = this.clock.monotonicTime();
        long changes = (this.listener != null) ? this.listener.changes() : 0;
        boolean expired = this.changesAtRead < 0 || now - this.readAt >= this.timeToLiveNanos;
        if (expired || changes != this.changesAtRead) {
            this.progress = read();
            this.readAt = now;
            this.changesAtRead = changes;
        }
        return (this.progress != null) ? this.progress.getOrDefault(name, 0.0) : Double.NaN;
    }

    private Map<String, Double> read() {
        try {
            Map<String, Double> progress = new HashMap<>();
            for (BackfillStatus status : this.backfills.status()) {
                progress.put(status.name(), status.progress());
            }
            return progress;
        } catch (RuntimeException ex) {
            log.warn(
                    "Could not read slipway_backfills for the {} gauge; retrying in {} s: {}",
                    PROGRESS,
                    TimeUnit.NANOSECONDS.toSeconds(this.timeToLiveNanos),
                    ex.getMessage());
            return null;
        }
    }
}
