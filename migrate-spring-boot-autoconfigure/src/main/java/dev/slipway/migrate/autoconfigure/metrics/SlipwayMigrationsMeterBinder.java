package dev.slipway.migrate.autoconfigure.metrics;

import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.Slipway;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the {@code slipway.migrations} gauge: how many migrations are in each state, one gauge per
 * {@link MigrationState} tagged {@code state} (e.g. {@code state=PENDING}).
 *
 * <p>Reading the status costs a scan of the migration files and a query of the history table, too much for
 * every scrape, so the counts are cached:
 * <ol>
 *   <li>A scrape within the time to live of the last read uses the cached counts.</li>
 *   <li>The cache is read again when the time to live has passed, or as soon as the
 *       {@link SlipwayMetricsListener} (when there is one) has seen a migration applied or failed.</li>
 *   <li>When the status cannot be read (the database is down), the gauges report {@code NaN} until the next
 *       read, which is tried again only after the time to live.</li>
 * </ol>
 */
public class SlipwayMigrationsMeterBinder implements MeterBinder {

    static final String MIGRATIONS = "slipway.migrations";

    /** How long the counts are reused before the status is read again. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SlipwayMigrationsMeterBinder.class);

    private final Slipway slipway;

    private final SlipwayMetricsListener listener;

    private final long timeToLiveNanos;

    private Clock clock = Clock.SYSTEM;

    private Map<MigrationState, Long> counts;

    private long readAt;

    private long changesAtRead = -1;

    /**
     * Creates a binder.
     * @param slipway the Slipway whose status is counted
     * @param listener a listener whose changes make the cache stale, or null
     * @param timeToLive how long counts are reused before the status is read again
     */
    public SlipwayMigrationsMeterBinder(Slipway slipway, SlipwayMetricsListener listener, Duration timeToLive) {
        this.slipway = Objects.requireNonNull(slipway, "'slipway' must not be null");
        this.listener = listener;
        this.timeToLiveNanos = Objects.requireNonNull(timeToLive, "'timeToLive' must not be null")
                .toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.clock = registry.config().clock();
        for (MigrationState state : MigrationState.values()) {
            Gauge.builder(MIGRATIONS, this, binder -> binder.count(state))
                    .description("Migrations in each state")
                    .tag("state", state.name())
                    .strongReference(true)
                    .register(registry);
        }
    }

    private synchronized double count(MigrationState state) {
        long now = this.clock.monotonicTime();
        long changes = (this.listener != null) ? this.listener.changes() : 0;
        boolean expired = this.changesAtRead < 0 || now - this.readAt >= this.timeToLiveNanos;
        if (expired || changes != this.changesAtRead) {
            this.counts = read();
            this.readAt = now;
            this.changesAtRead = changes;
        }
        return (this.counts != null) ? this.counts.get(state) : Double.NaN;
    }

    private Map<MigrationState, Long> read() {
        try {
            Map<MigrationState, Long> counts = new EnumMap<>(MigrationState.class);
            for (MigrationState state : MigrationState.values()) {
                counts.put(state, 0L);
            }
            for (MigrationInfo migration : this.slipway.status().migrations()) {
                counts.merge(migration.state(), 1L, Long::sum);
            }
            return counts;
        } catch (RuntimeException ex) {
            log.warn(
                    "Could not read the migration status for the {} gauge; retrying in {} s: {}",
                    MIGRATIONS,
                    TimeUnit.NANOSECONDS.toSeconds(this.timeToLiveNanos),
                    ex.getMessage());
            return null;
        }
    }
}
