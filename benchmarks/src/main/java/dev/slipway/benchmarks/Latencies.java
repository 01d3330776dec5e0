package dev.slipway.benchmarks;

import java.util.Arrays;

/** Latencies in nanoseconds (or other counts), sorted once, with nearest-rank percentiles. */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile in milliseconds, e.g. {@code percentileMillis(99)}; NaN when empty. */
    double percentileMillis(double percentile) {
        return percentile(percentile) / 1e6;
    }

    double maxMillis() {
        return percentile(100) / 1e6;
    }

    /** The nearest-rank percentile of the values as they are (not only nanoseconds); NaN when empty. */
    double percentile(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** How many latencies exceed the given milliseconds. */
    int countAbove(double millis) {
        long limit = (long) (millis * 1e6);
        int index = Arrays.binarySearch(sorted, limit + 1);
        int firstAbove = index >= 0 ? firstIndexOf(index) : -index - 1;
        return sorted.length - firstAbove;
    }

    private int firstIndexOf(int index) {
        while (index > 0 && sorted[index - 1] == sorted[index]) {
            index--;
        }
        return index;
    }
}
