package dev.slipway.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Command-line options, {@code --name=value}.
 *
 * @param migrations how many migrations are generated
 * @param warmupRounds rounds run first and not measured
 * @param rounds measured rounds
 * @param noopRepeats no-op runs after each apply
 * @param contenders which contenders run: {@code jdbc}, {@code flyway}, {@code slipway}
 * @param output the Markdown file to write, or {@code null} to only print it
 * @param slipwayVersion the project version, for the report
 */
record Options(
        int migrations,
        int warmupRounds,
        int rounds,
        int noopRepeats,
        List<String> contenders,
        Path output,
        String slipwayVersion) {

    static Options parse(String... args) {
        Map<String, String> values = BenchmarkSupport.options(
                Map.of(
                        "migrations", "1000",
                        "warmup-rounds", "1",
                        "rounds", "5",
                        "noop-repeats", "3",
                        "contenders", "jdbc,flyway,slipway",
                        "slipway-version", "(development)"),
                args);
        Options options = new Options(
                Integer.parseInt(values.get("migrations")),
                Integer.parseInt(values.get("warmup-rounds")),
                Integer.parseInt(values.get("rounds")),
                Integer.parseInt(values.get("noop-repeats")),
                List.of(values.get("contenders").split(",")),
                BenchmarkSupport.output(values),
                values.get("slipway-version"));
        if (options.migrations < 1 || options.rounds < 1 || options.warmupRounds < 0 || options.noopRepeats < 1) {
            throw new IllegalArgumentException("Need at least 1 migration, 1 round and 1 no-op repeat: " + options);
        }
        return options;
    }
}
