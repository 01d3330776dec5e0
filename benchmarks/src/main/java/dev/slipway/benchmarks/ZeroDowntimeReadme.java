package dev.slipway.benchmarks;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The zero-downtime benchmark's block of {@code README.md}: what ran, and for each variant its failed requests,
 * instances taken out by health, latency p99 and maximum, and longest lock-wait window, over the whole run after the warm-up.
 */
final class ZeroDowntimeReadme {

    private final ZeroDowntimeOptions options;
    private final BenchmarkServer server;
    private final List<ZeroDowntimeBenchmark.Result> results;
    private final String loadBefore;

    ZeroDowntimeReadme(
            ZeroDowntimeOptions options,
            BenchmarkServer server,
            List<ZeroDowntimeBenchmark.Result> results,
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
                        "%,d users and %,d posts; a fixed rate of %.0f requests/s over %d workers; "
                                + "each variant run once. Every request after the warm-up counts; its latency runs from its "
                                + "planned start (no coordinated omission), p99 is the nearest-rank 99th percentile; a lock-wait "
                                + "window is a run of %d ms samples of `pg_stat_activity` that each found a session waiting on "
                                + "a lock. Requests go only to instances whose `/actuator/health` answers UP, polled as a load "
                                + "balancer does; an instance is taken out after two answers in a row that are not UP.%n%n",
                        options.users(),
                        options.posts(),
                        options.rate(),
                        options.workers(),
                        LockWaitSampler.PERIOD_MILLIS))
                .append("| | failed requests | instances taken out by health | latency p99 | latency max "
                        + "| longest lock-wait window |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (ZeroDowntimeBenchmark.Result result : results) {
            LockWaitSampler.Window longest = result.lockWaits().longest();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d of %,d | %,d | %s | %s | %s |%n",
                    result.label(),
                    result.failures().size(),
                    result.total().requests(),
                    result.healthRemovals().size(),
                    millis(result.total().p99Millis()),
                    millis(result.total().maxMillis()),
                    millis(longest == null ? 0 : longest.millis())));
        }
        return md.toString();
    }

    private static String millis(double millis) {
        return millis >= 100
                ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
