package dev.slipway.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the backfill benchmark, {@code --name=value}.
 *
 * @param rows rows in the table
 * @param rounds measured rounds; each runs every variant once, in an order rotated by one each round
 * @param variants which variants run: {@code slipway}, {@code single}, {@code loop}
 * @param loadThreads threads of the concurrent load, each with a connection of its own
 * @param loadRate operations per second the concurrent load plans, over all its threads
 * @param leadInMillis how long the load runs before a measured window opens
 * @param slipwayTargetMillis Slipway's target batch time, 0 for its default (investigations only)
 * @param slipwayPauseMillis Slipway's pause between batches, 0 for none (investigations only)
 * @param output the Markdown file to write, or {@code null} to only print it
 * @param batches the folder for each run's batches as CSV
 * @param slipwayVersion the project version, for the report
 */
record BackfillOptions(
        long rows,
        int rounds,
        List<String> variants,
        int loadThreads,
        double loadRate,
        long leadInMillis,
        long slipwayTargetMillis,
        long slipwayPauseMillis,
        Path output,
        Path batches,
        String slipwayVersion) {

    static BackfillOptions parse(String... args) {
        Map<String, String> values = BenchmarkSupport.options(
                Map.of(
                        "rows", "2000000",
                        "rounds", "3",
                        "variants", "slipway,single,loop",
                        "load-threads", "4",
                        "load-rate", "400",
                        "lead-in-millis", "2000",
                        "slipway-target-millis", "0",
                        "slipway-pause-millis", "0",
                        "batches", System.getProperty("java.io.tmpdir") + "/slipway-backfill-benchmark",
                        "slipway-version", "(development)"),
                args);
        BackfillOptions options = new BackfillOptions(
                Long.parseLong(values.get("rows")),
                Integer.parseInt(values.get("rounds")),
                List.of(values.get("variants").split(",")).stream()
                        .map(String::trim)
                        .toList(),
                Integer.parseInt(values.get("load-threads")),
                Double.parseDouble(values.get("load-rate")),
                Long.parseLong(values.get("lead-in-millis")),
                Long.parseLong(values.get("slipway-target-millis")),
                Long.parseLong(values.get("slipway-pause-millis")),
                BenchmarkSupport.output(values),
                Path.of(values.get("batches")).toAbsolutePath().normalize(),
                values.get("slipway-version"));
        if (options.rows < 1
                || options.rounds < 1
                || options.loadThreads < 1
                || options.loadRate <= 0
                || options.leadInMillis < 0
                || options.variants.isEmpty()) {
            throw new IllegalArgumentException(
                    "Need at least 1 row, 1 round, 1 variant, 1 load thread and a positive" + " load rate: " + options);
        }
        return options;
    }
}
