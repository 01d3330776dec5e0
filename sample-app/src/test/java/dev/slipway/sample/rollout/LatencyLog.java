package dev.slipway.sample.rollout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The latencies of the load's requests, by rollout phase, in the order the phases began. */
public final class LatencyLog {

    private final Map<String, Samples> phases = new LinkedHashMap<>();

    /**
     * The summary of one phase.
     *
     * @param phase the phase
     * @param requests how many requests were answered or failed in it
     * @param p50Millis the median latency
     * @param p99Millis the 99th percentile
     * @param maxMillis the longest
     */
    public record Summary(String phase, long requests, double p50Millis, double p99Millis, double maxMillis) {}

    private static final class Samples {

        private long[] nanos = new long[1024];
        private int size;

        void add(long value) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = value;
        }
    }

    /** Records the latency of one request sent in the given phase. */
    public synchronized void record(String phase, long nanos) {
        phases.computeIfAbsent(phase, p -> new Samples()).add(nanos);
    }

    /** Opens a phase, so that it is listed even when no request completes in it. */
    public synchronized void open(String phase) {
        phases.computeIfAbsent(phase, p -> new Samples());
    }

    /** How many requests were recorded in the given phase. */
    public synchronized long count(String phase) {
        Samples samples = phases.get(phase);
        return samples == null ? 0 : samples.size;
    }

    /** One summary per phase, in the order the phases began. */
    public synchronized List<Summary> summaries() {
        List<Summary> result = new ArrayList<>();
        phases.forEach((phase, samples) -> {
            long[] sorted = Arrays.copyOf(samples.nanos, samples.size);
            Arrays.sort(sorted);
            result.add(new Summary(
                    phase,
                    sorted.length,
                    millis(percentile(sorted, 0.50)),
                    millis(percentile(sorted, 0.99)),
                    millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1])));
        });
        return result;
    }

    /** One summary over the given phases, under the given name. */
    public synchronized Summary total(String name, Collection<String> some) {
        List<Samples> chosen =
                some.stream().map(phases::get).filter(Objects::nonNull).toList();
        long[] sorted =
                new long[chosen.stream().mapToInt(samples -> samples.size).sum()];
        int at = 0;
        for (Samples samples : chosen) {
            System.arraycopy(samples.nanos, 0, sorted, at, samples.size);
            at += samples.size;
        }
        Arrays.sort(sorted);
        return new Summary(
                name,
                sorted.length,
                millis(percentile(sorted, 0.50)),
                millis(percentile(sorted, 0.99)),
                millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }

    /** The summaries as a table, one line per phase. */
    public String table() {
        StringBuilder out = new StringBuilder(
                String.format("%-44s %9s %9s %9s %9s%n", "phase", "requests", "p50 ms", "p99 ms", "max ms"));
        for (Summary s : summaries()) {
            out.append(String.format(
                    "%-44s %9d %9.1f %9.1f %9.1f%n",
                    s.phase(), s.requests(), s.p50Millis(), s.p99Millis(), s.maxMillis()));
        }
        return out.toString();
    }

    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
