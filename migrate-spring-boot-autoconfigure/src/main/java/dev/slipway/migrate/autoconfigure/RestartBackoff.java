package dev.slipway.migrate.autoconfigure;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long {@link SlipwayBackgroundTasks} waits before it restarts a background task that died: exponential, capped,
 * with jitter.
 *
 * <ol>
 *   <li>The base wait before the {@code n}-th restart in a row is {@code first × 2^(n-1)}, at most {@code max}.</li>
 *   <li>The wait is drawn uniformly between half of the base and the whole base ("equal jitter"): the instances of a
 *       fleet that all lost the same database at once do not come back in step, and a task that dies at once never
 *       restarts sooner than half of the base, so it cannot spin.</li>
 *   <li>A run that lasted at least {@code max} before it died counts as having worked: the next restart is the first
 *       in a row again.</li>
 * </ol>
 */
final class RestartBackoff {

    /** The base wait before the first restart. */
    static final Duration DEFAULT_FIRST = Duration.ofSeconds(1);

    /** The largest base wait between two restarts. */
    static final Duration DEFAULT_MAX = Duration.ofMinutes(1);

    private final Duration first;
    private final Duration max;

    RestartBackoff(Duration first, Duration max) {
        this.first = Objects.requireNonNull(first, "'first' must not be null");
        this.max = Objects.requireNonNull(max, "'max' must not be null");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("'first' must be positive: " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("'max' must not be shorter than 'first': " + max + " < " + first);
        }
    }

    static RestartBackoff defaults() {
        return new RestartBackoff(DEFAULT_FIRST, DEFAULT_MAX);
    }

    /**
     * The wait before a restart.
     * @param restartsInARow 1 for the first restart after a run that worked, 2 for the next, ...
     * @return a wait between half of the base and the base
     */
    Duration delay(int restartsInARow) {
        if (restartsInARow < 1) {
            throw new IllegalArgumentException("'restartsInARow' must be at least 1: " + restartsInARow);
        }
        long base = base(restartsInARow).toNanos();
        long half = base / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(base - half + 1));
    }

    /** The base wait before the {@code restartsInARow}-th restart in a row, before jitter. */
    Duration base(int restartsInARow) {
        Duration base = first;
        for (int i = 1; i < restartsInARow && base.compareTo(max) < 0; i++) {
            base = base.multipliedBy(2);
        }
        return base.compareTo(max) < 0 ? base : max;
    }

    /** Whether a run that lasted {@code ran} before it died had worked, so the waits start over. */
    boolean workedFor(Duration ran) {
        return ran.compareTo(max) >= 0;
    }

    Duration max() {
        return max;
    }
}
