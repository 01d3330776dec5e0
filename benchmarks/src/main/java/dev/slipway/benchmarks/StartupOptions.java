package dev.slipway.benchmarks;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command-line options of the startup benchmark, {@code --name=value}.
 *
 * @param rounds measured rounds; each starts every variant once
 * @param warmupRounds rounds run first and not recorded
 * @param generatedMigrations how many migrations are generated after the sample app's
 * @param sampleMigrations the sample app's {@code db/migrations/v1} folder (release v1's migrations)
 * @param output the Markdown file to write, or {@code null} to only print it
 * @param logs the folder for the started applications' output
 * @param slipwayVersion the project version, for the report
 */
record StartupOptions(
        int rounds,
        int warmupRounds,
        int generatedMigrations,
        Path sampleMigrations,
        Path output,
        Path logs,
        String slipwayVersion) {

    static StartupOptions parse(String... args) {
        Map<String, String> values = BenchmarkSupport.options(
                Map.of(
                        "rounds", "20",
                        "warmup-rounds", "1",
                        "generated-migrations", "100",
                        "sample-migrations", "sample-app/src/main/resources/db/migrations/v1",
                        "logs", System.getProperty("java.io.tmpdir") + "/slipway-startup-benchmark-logs",
                        "slipway-version", "(development)"),
                args);
        StartupOptions options = new StartupOptions(
                Integer.parseInt(values.get("rounds")),
                Integer.parseInt(values.get("warmup-rounds")),
                Integer.parseInt(values.get("generated-migrations")),
                Path.of(values.get("sample-migrations")).toAbsolutePath().normalize(),
                BenchmarkSupport.output(values),
                Path.of(values.get("logs")).toAbsolutePath().normalize(),
                values.get("slipway-version"));
        if (options.rounds < 1 || options.warmupRounds < 0 || options.generatedMigrations < 0) {
            throw new IllegalArgumentException("Need at least 1 round and no negative count: " + options);
        }
        return options;
    }
}
