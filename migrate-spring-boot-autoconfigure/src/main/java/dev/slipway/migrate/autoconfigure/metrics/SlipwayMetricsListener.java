package dev.slipway.migrate.autoconfigure.metrics;

import dev.slipway.migrate.LockTimeoutRetry;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.SlipwayListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what Slipway's engine reports as meters:
 * <ul>
 *   <li>{@code slipway.migration.duration}: a timer per migration run, tagged {@code version}, {@code name} and
 *       {@code outcome} ({@code APPLIED} or {@code FAILED}); a repeatable migration ({@code R__<description>.sql}),
 *       which has no version, is tagged {@code version=R} (as its rows in the history table) and its description as
 *       {@code name};</li>
 *   <li>{@code slipway.lock.wait}: a timer of the time spent waiting for the migration lock;</li>
 *   <li>{@code slipway.ddl.lock.retries}: a counter of statements retried after hitting {@code lock_timeout}
 *       or a deadlock, tagged {@code version} and {@code name} (as above).</li>
 * </ul>
 * It also counts the changes it has seen, so that {@link SlipwayMigrationsMeterBinder} re-reads the status after
 * a migration was applied or failed.
 */
public class SlipwayMetricsListener implements SlipwayListener {

    static final String MIGRATION_DURATION = "slipway.migration.duration";

    static final String LOCK_WAIT = "slipway.lock.wait";

    static final String DDL_LOCK_RETRIES = "slipway.ddl.lock.retries";

    /** The {@code version} tag of a repeatable migration, which has no version: as in the history table. */
    static final String REPEATABLE_VERSION = "R";

    private final MeterRegistry registry;

    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

    private final AtomicLong changes = new AtomicLong();

    /**
     * Creates a listener that records into the given registry.
     * @param registry where meters are recorded
     */
    public SlipwayMetricsListener(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
    }

    @Override
    public void lockAcquired(Duration waited) {
        Timer.builder(LOCK_WAIT)
                .description("Time spent waiting for the migration lock")
                .register(this.registry)
                .record(waited);
    }

    @Override
    public void migrationStarted(MigrationInfo migration) {
        this.startedAt.put(migration.id(), this.registry.config().clock().monotonicTime());
    }

    @Override
    public void migrationApplied(MigrationInfo migration, Duration duration) {
        this.startedAt.remove(migration.id());
        migrationTimer(migration, "APPLIED").record(duration);
        this.changes.incrementAndGet();
    }

    @Override
    public void migrationFailed(MigrationInfo migration, SlipwayException error) {
        Long started = this.startedAt.remove(migration.id());
        if (started != null) {
            long elapsed = this.registry.config().clock().monotonicTime() - started;
            migrationTimer(migration, "FAILED").record(elapsed, TimeUnit.NANOSECONDS);
        }
        this.changes.incrementAndGet();
    }

    @Override
    public void lockTimeoutRetry(LockTimeoutRetry retry) {
        Counter.builder(DDL_LOCK_RETRIES)
                .description("DDL statements retried after hitting lock_timeout or a deadlock")
                .tag("version", versionTag(retry.version()))
                .tag("name", retry.name())
                .register(this.registry)
                .increment();
    }

    /**
     * How many migrations this listener has seen applied or failed; a change means the status changed.
     * @return the number of changes so far
     */
    long changes() {
        return this.changes.get();
    }

    private static String versionTag(String version) {
        return (version != null) ? version : REPEATABLE_VERSION;
    }

    private Timer migrationTimer(MigrationInfo migration, String outcome) {
        return Timer.builder(MIGRATION_DURATION)
                .description("Time taken to run a migration")
                .tag("version", versionTag(migration.version()))
                .tag("name", migration.name())
                .tag("outcome", outcome)
                .register(this.registry);
    }
}
