package dev.slipway.migrate.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Exponential back-off with full jitter: the bound doubles with each retry up to the cap, and each sleep is drawn
 * uniformly from zero to that bound, so a fleet that hit the same lock does not retry in step.
 */
class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(10);

    @Test
    void theBoundDoublesWithEachRetryUpToTheCap() {
        Backoff backoff = new Backoff(INITIAL, MAX);

        assertThat(LongStream.rangeClosed(1, 9)
                        .map(retry -> backoff.cap((int) retry).toMillis())
                        .toArray())
                .containsExactly(100, 200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000);
        assertThat(backoff.cap(64)).isEqualTo(MAX);
        assertThat(backoff.cap(Integer.MAX_VALUE)).isEqualTo(MAX);
    }

    @Test
    void eachSleepIsDrawnUniformlyFromZeroToTheBoundOfItsRetry() {
        Random seeded = new Random(20240101L);
        Backoff backoff = new Backoff(INITIAL, MAX, () -> seeded);
        int samples = 10_000;

        for (int retry = 1; retry <= 9; retry++) {
            long bound = Math.min(MAX.toNanos(), INITIAL.toNanos() << (retry - 1));
            int r = retry;
            long[] sleeps = LongStream.range(0, samples)
                    .map(i -> backoff.next(r).toNanos())
                    .toArray();

            LongSummary summary = LongSummary.of(sleeps);
            assertThat(summary.min())
                    .as("shortest sleep before retry %d", retry)
                    .isNotNegative();
            assertThat(summary.max()).as("longest sleep before retry %d", retry).isLessThanOrEqualTo(bound);
            // Reaches up to the bound of this retry (the exponent), and spreads over all of it (the jitter)
            assertThat(summary.max()).as("longest sleep before retry %d", retry).isGreaterThan(bound * 95 / 100);
            assertThat(summary.min())
                    .as("shortest sleep before retry %d", retry)
                    .isLessThan(bound * 5 / 100);
            assertThat(summary.mean()).as("mean sleep before retry %d", retry).isBetween(bound * 0.47, bound * 0.53);
            assertThat(summary.distinct())
                    .as("distinct sleeps before retry %d", retry)
                    .isGreaterThan(samples * 9 / 10);
        }
    }

    private record LongSummary(long min, long max, double mean, long distinct) {

        static LongSummary of(long[] values) {
            return new LongSummary(
                    LongStream.of(values).min().orElseThrow(),
                    LongStream.of(values).max().orElseThrow(),
                    LongStream.of(values).average().orElseThrow(),
                    LongStream.of(values).distinct().count());
        }
    }
}
