package dev.slipway.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Command-line options of the zero-downtime benchmark, {@code --name=value}.
 *
 * @param users users seeded before the rollout
 * @param posts posts seeded before the rollout (one per user at most)
 * @param rate requests per second the load sends, over all its workers, whatever the answers take
 * @param workers the load's worker threads
 * @param requestTimeoutSeconds how long a request may wait for its answer before it counts as failed
 * @param steadySeconds how long each phase without a rollout step lasts (e.g. "v1 x2" before anything changes)
 * @param variants which variants run, in order: {@code slipway}, {@code naive}
 * @param jar the repackaged {@code sample-app.jar}
 * @param logs the folder for the instances' logs, one sub-folder per variant
 * @param output the Markdown file to write, or {@code null} to only print it
 * @param slipwayVersion the project version, for the report
 */
record ZeroDowntimeOptions(
        long users,
        long posts,
        double rate,
        int workers,
        int requestTimeoutSeconds,
        int steadySeconds,
        List<String> variants,
        Path jar,
        Path logs,
        Path output,
        String slipwayVersion) {

    static ZeroDowntimeOptions parse(String... args) {
        Map<String, String> values = BenchmarkSupport.options(
                Map.of(
                        "users", "1000000",
                        "posts", "1000000",
                        "rate", "100",
                        "workers", "16",
                        "request-timeout-seconds", "30",
                        "steady-seconds", "30",
                        "variants", "slipway,naive",
                        "jar", "sample-app/target/sample-app.jar",
                        "logs", System.getProperty("java.io.tmpdir") + "/slipway-zero-downtime-benchmark",
                        "slipway-version", "(development)"),
                args);
        ZeroDowntimeOptions options = new ZeroDowntimeOptions(
                Long.parseLong(values.get("users")),
                Long.parseLong(values.get("posts")),
                Double.parseDouble(values.get("rate")),
                Integer.parseInt(values.get("workers")),
                Integer.parseInt(values.get("request-timeout-seconds")),
                Integer.parseInt(values.get("steady-seconds")),
                List.of(values.get("variants").split(",")).stream()
                        .map(String::trim)
                        .toList(),
                Path.of(values.get("jar")).toAbsolutePath().normalize(),
                Path.of(values.get("logs")).toAbsolutePath().normalize(),
                BenchmarkSupport.output(values),
                values.get("slipway-version"));
        if (options.users < 1
                || options.posts < 0
                || options.posts > options.users
                || options.rate <= 0
                || options.workers < 1
                || options.requestTimeoutSeconds < 1
                || options.steadySeconds < 1
                || options.variants.isEmpty()
                || !List.of("slipway", "naive").containsAll(options.variants)) {
            throw new IllegalArgumentException("Need at least 1 user, at most one post per user, a positive rate,"
                    + " 1 worker, a timeout and steady phase of at least 1 s, and variants among slipway, naive: "
                    + options);
        }
        return options;
    }
}
