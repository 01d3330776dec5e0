package dev.slipway.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The backfill benchmark's block of {@code README.md}: what ran, each variant's median throughput, longest row lock
 * and load p99 ratio, and the goals of {@link BackfillReport} with the measured figures and whether each is met,
 * judged as the full report judges them.
 */
final class BackfillReadme {

    private final BackfillOptions options;
    private final BenchmarkServer server;
    private final Map<BackfillVariant, List<BackfillBenchmark.Measured>> results;
    private final String loadBefore;

    BackfillReadme(
            BackfillOptions options,
            BenchmarkServer server,
            Map<BackfillVariant, List<BackfillBenchmark.Measured>> results,
            String loadBefore) {
        this.options = options;
        this.server = server;
        this.results = results;
        this.loadBefore = loadBefore;
    }

    String block(ReadmeBlock readme) throws SQLException {
        StringBuilder md = new StringBuilder(readme.provenance(options.output(), server.serverVersion(), loadBefore));
        md.append(String.format(
                        Locale.ROOT,
                        "%,d rows; %d round(s), the variants in an order rotated every round, each "
                                + "under a load of %d threads, %.0f point reads and single-row updates per second. Figures are "
                                + "medians over the rounds; \"load p99\" is the 99th percentile (nearest rank) of the load's "
                                + "latency during the backfill over the same in a run without one right after it, taken "
                                + "within each round.%n%n",
                        options.rows(),
                        options.rounds(),
                        options.loadThreads(),
                        options.loadRate()))
                .append("| | rows/s | longest row lock | load p99 during / its baseline |\n")
                .append("|---|---:|---:|---:|\n");
        results.forEach((variant, rounds) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %,.0f | %s | %.2f× |%n",
                variant.label(),
                BackfillReport.median(rounds, m -> m.run().rowsPerSecond()),
                millis(BackfillReport.median(rounds, m -> m.run().maxLockHeldNanos() / 1e6)),
                BackfillReport.median(rounds, BackfillReport::p99Ratio))));

        md.append("\n| goal | measured | target | |\n").append("|---|---:|---:|---|\n");
        Optional<List<BackfillBenchmark.Measured>> slipway = rounds("slipway");
        Optional<List<BackfillBenchmark.Measured>> single = rounds("single");
        String throughput = "Slipway's rows/s / one UPDATE's (median of the per-round ratios)";
        if (slipway.isPresent() && single.isPresent()) {
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(slipway.get().size(), single.get().size()); i++) {
                perRound.add(slipway.get().get(i).run().rowsPerSecond()
                        / single.get().get(i).run().rowsPerSecond());
            }
            double ratio = BenchmarkSupport.median(perRound);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f | ≥ %.2f | %s |%n",
                    throughput,
                    ratio,
                    BackfillReport.THROUGHPUT_GOAL,
                    met(ratio >= BackfillReport.THROUGHPUT_GOAL)));
        } else {
            md.append(String.format(
                    Locale.ROOT, "| %s | not run | ≥ %.2f | |%n", throughput, BackfillReport.THROUGHPUT_GOAL));
        }
        String p99 = "load p99 during Slipway / its baseline (median of the per-round ratios)";
        String lock = "longest row lock held by a Slipway batch (the longest of all rounds)";
        if (slipway.isPresent()) {
            double ratio = BackfillReport.median(slipway.get(), BackfillReport::p99Ratio);
            double longest = slipway.get().stream()
                    .mapToDouble(m -> m.run().maxLockHeldNanos() / 1e6)
                    .max()
                    .orElse(0);
            md.append(String.format(
                            Locale.ROOT,
                            "| %s | %.2f | ≤ %.2f | %s |%n",
                            p99,
                            ratio,
                            BackfillReport.P99_GOAL,
                            met(ratio <= BackfillReport.P99_GOAL)))
                    .append(String.format(
                            Locale.ROOT,
                            "| %s | %s | ≤ %.0f ms | %s |%n",
                            lock,
                            millis(longest),
                            BackfillReport.LOCK_GOAL_MILLIS,
                            met(longest <= BackfillReport.LOCK_GOAL_MILLIS)));
        } else {
            md.append(String.format(Locale.ROOT, "| %s | not run | ≤ %.2f | |%n", p99, BackfillReport.P99_GOAL))
                    .append(String.format(
                            Locale.ROOT, "| %s | not run | ≤ %.0f ms | |%n", lock, BackfillReport.LOCK_GOAL_MILLIS));
        }
        return md.toString();
    }

    private Optional<List<BackfillBenchmark.Measured>> rounds(String key) {
        return results.entrySet().stream()
                .filter(e -> e.getKey().key().equals(key))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static String met(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static String millis(double millis) {
        return millis >= 1000
                ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
