package dev.slipway.migrate.internal.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter: before retry {@code n} (1-based) sleep a uniformly random time in
 * {@code [0, min(max, initial * 2^(n-1))]}. Full jitter spreads the retries of a fleet apart, so instances
 * do not queue for the same lock in step.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Supplier<? extends RandomGenerator> random;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, ThreadLocalRandom::current);
    }

    /** With the given source of randomness, so that a test can draw a reproducible sample. */
    Backoff(Duration initial, Duration max, Supplier<? extends RandomGenerator> random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The upper bound of the sleep before retry {@code retry} (1-based). */
    public Duration cap(int retry) {
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long nanos = initial.toNanos();
        long capped = nanos > (max.toNanos() >> shift) ? max.toNanos() : Math.min(max.toNanos(), nanos << shift);
        return Duration.ofNanos(capped);
    }

    /** A random sleep before retry {@code retry} (1-based). */
    public Duration next(int retry) {
        long cap = cap(retry).toNanos();
        return Duration.ofNanos(cap == 0 ? 0 : random.get().nextLong(cap + 1));
    }
}
