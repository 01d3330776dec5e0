package dev.slipway.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured durations of one thing, in nanoseconds. */
final class Samples {

    private final List<Long> nanos = new ArrayList<>();

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    List<Long> nanos() {
        return List.copyOf(nanos);
    }

    boolean isEmpty() {
        return nanos.isEmpty();
    }

    int size() {
        return nanos.size();
    }

    /** The median in milliseconds (the mean of the two middle values for an even count). */
    double medianMillis() {
        List<Long> sorted = sorted();
        int middle = sorted.size() / 2;
        double median =
                sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
        return median / 1_000_000.0;
    }

    double minMillis() {
        return sorted().get(0) / 1_000_000.0;
    }

    private List<Long> sorted() {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("No samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted;
    }
}
