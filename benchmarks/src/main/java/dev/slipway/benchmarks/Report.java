package dev.slipway.benchmarks;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The results as Markdown: how to run, times, ratios against the product's goals, machine and versions. */
final class Report {

    static final String COMMAND = "./mvnw -B -Pbenchmarks -pl benchmarks -am verify -DskipTests";

    private final Options options;
    private final BenchmarkServer server;
    private final Map<Contender, Measurements> results;
    private final String loadBefore;

    Report(Options options, BenchmarkServer server, Map<Contender, Measurements> results,
            String loadBefore) {
        this.options = options;
        this.server = server;
        this.results = results;
        this.loadBefore = loadBefore;
    }

    /** The zero-downtime benchmark's figures, from its report next to this one (see {@link ZeroDowntimeSummary}). */
    private String zeroDowntimeFigures() {
        Path folder = options.output() != null ? options.output().getParent() : Path.of("docs");
        try {
            return ZeroDowntimeSummary.block(folder.resolve(ZeroDowntimeSummary.REPORT));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String toMarkdown() throws SQLException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Run from the repository root (PostgreSQL at 127.0.0.1:5432 as postgres, or the server in\n")
                .append("`SLIPWAY_TEST_JDBC_URL` / `SLIPWAY_TEST_USERNAME` / `SLIPWAY_TEST_PASSWORD`):\n\n")
                .append("```\n").append(COMMAND).append("\n```\n\n")
                .append("`-Dbenchmark.rounds=`, `-Dbenchmark.warmupRounds=`, `-Dbenchmark.noopRepeats=` and\n")
                .append("`-Dbenchmark.migrations=` change the defaults (5, 1, 3, 1000). The run prints this file and\n")
                .append("writes it to `docs/benchmarks.md`; `./mvnw verify` compiles the module but never runs it.\n")
                .append("The startup time the starters add to an application is measured separately, see\n")
                .append("[startup-benchmark.md](startup-benchmark.md); backfills, see\n")
                .append("[backfill-benchmark.md](backfill-benchmark.md); a whole rollout under load, see\n")
                .append("[zero-downtime-benchmark.md](zero-downtime-benchmark.md) and the summary below.\n\n");

        md.append("## Zero-downtime rollout (summary)\n\n")
                .append("[zero-downtime-benchmark.md](zero-downtime-benchmark.md) runs the sample app's change from v1\n")
                .append("to v3 (`users.name` becomes `display_name`, posts get a unique slug) on 1,000,000 users and\n")
                .append("1,000,000 posts while a fixed-rate load runs against a fleet of app instances (child JVMs of\n")
                .append("the packaged jar), two ways: Slipway's rollout (expand, backfill, contract applied by itself)\n")
                .append("and the naive way (rename, table rewrite and unique index in one transaction, then the new\n")
                .append("code). It reports, side by side and per phase, failed requests (with their kinds), p50/p99/max\n")
                .append("latency measured from each request's planned start, the longest lock-wait window and the\n")
                .append("longest time without a good answer. Run it with\n")
                .append("`./mvnw -B -Pzero-downtime-benchmark -pl benchmarks -am verify -DskipTests`.\n\n")
                .append(zeroDowntimeFigures()).append('\n');

        md.append("## What is measured\n\n")
                .append(String.format(Locale.ROOT, "%,d generated migrations, each `CREATE TABLE t_0001 (id bigint primary key, "
                        + "payload text);` plus `COMMENT ON TABLE t_0001 IS '...';`, applied to an empty database "
                        + "(**apply**), then the same tool run again with all of them applied (**no-op**).%n%n",
                        options.migrations()))
                .append("- Contenders, in one JVM against one server: Slipway (folders `<version>_<name>/migration.sql`),\n")
                .append("  Flyway Community (the same SQL as `V<n>__<name>.sql`, default settings) and a plain JDBC\n")
                .append("  baseline (reads the same files, runs each migration's statements in a transaction of its\n")
                .append("  own on one connection; no lock, no history, no validation, hence no no-op figure).\n")
                .append("- Each time covers building the tool and its whole run, from the files on disk to the last\n")
                .append("  commit. Every apply gets a new empty database; each apply is checked to report all\n")
                .append("  migrations applied and to leave every table, each no-op run to apply none.\n")
                .append(String.format(Locale.ROOT, "- DataSource: one HikariCP pool per database, %d connections, all open "
                        + "before the clock starts, the same for every contender.%n", BenchmarkServer.POOL_SIZE))
                .append("- Libraries log at WARN (slf4j-simple), so no contender pays for a log line per migration.\n")
                .append(String.format(Locale.ROOT, "- %d warm-up round(s), then %d measured rounds; the contenders' order "
                        + "rotates every round. No-op: %d runs after each apply, so %d samples.%n%n",
                        options.warmupRounds(), options.rounds(), options.noopRepeats(),
                        options.rounds() * options.noopRepeats()));

        md.append("## Results\n\n")
                .append("Wall-clock times; \"JVM CPU\" is the CPU time this JVM spent meanwhile (median), the tool's own\n")
                .append("work in Java, which other load on the machine hardly changes.\n\n")
                .append("| contender | apply median | apply min | apply per migration | apply JVM CPU | no-op median "
                        + "| no-op min | no-op JVM CPU |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((contender, result) -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %s | %.2f ms | %s | %s | %s | %s |%n", contender.name(),
                millis(result.apply().medianMillis()), millis(result.apply().minMillis()),
                result.apply().medianMillis() / options.migrations(), millis(result.applyCpu().medianMillis()),
                result.noop().isEmpty() ? "n/a" : millis(result.noop().medianMillis()),
                result.noop().isEmpty() ? "n/a" : millis(result.noop().minMillis()),
                result.noop().isEmpty() ? "n/a" : millis(result.noopCpu().medianMillis()))));

        md.append("\n## Ratios against the goals\n\n")
                .append("The contenders run back to back in each round, so a round's ratio compares them under the same\n")
                .append("load; the goal is judged on the median of those per-round ratios.\n\n")
                .append("| ratio | per round | median per round | of medians | of minimums | goal | met |\n")
                .append("|---|---|---:|---:|---:|---:|:---:|\n");
        ratio(md, "Slipway apply / plain JDBC apply", "slipway", Measurements.Round::apply, "jdbc",
                Measurements.Round::apply, 1.15);
        ratio(md, "Slipway apply / Flyway apply", "slipway", Measurements.Round::apply, "flyway",
                Measurements.Round::apply, 0.6);
        ratio(md, "Slipway no-op / Flyway no-op", "slipway", Measurements.Round::noop, "flyway",
                Measurements.Round::noop, 0.3);

        md.append("\n## Machine and versions\n\n")
                .append(String.format(Locale.ROOT, "- Run: %s%n",
                        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))))
                .append(Machine.describe(loadBefore)).append(Machine.heap()).append('\n')
                .append("- PostgreSQL: ").append(server.serverVersion()).append(" at `").append(server.adminUrl())
                .append("`; ").append(server.durabilitySettings()).append('\n')
                .append("- Libraries: ").append(String.join(", ", List.of(
                        "Slipway " + options.slipwayVersion(),
                        "Flyway " + Versions.of("org.flywaydb", "flyway-core"),
                        "PostgreSQL JDBC " + Versions.postgresqlDriver(),
                        "HikariCP " + Versions.of("com.zaxxer", "HikariCP")))).append('\n');
        return md.toString();
    }

    private void ratio(StringBuilder md, String label, String numeratorKey, Function<Measurements.Round, Samples> numerator,
            String denominatorKey, Function<Measurements.Round, Samples> denominator, double goal) {
        Optional<Measurements> top = measurements(numeratorKey);
        Optional<Measurements> bottom = measurements(denominatorKey);
        if (top.isEmpty() || bottom.isEmpty()) {
            md.append(String.format(Locale.ROOT, "| %s | not run | | | | ≤ %.2f | |%n", label, goal));
            return;
        }
        List<Double> perRound = new ArrayList<>();
        List<Measurements.Round> topRounds = top.get().rounds();
        List<Measurements.Round> bottomRounds = bottom.get().rounds();
        for (int i = 0; i < Math.min(topRounds.size(), bottomRounds.size()); i++) {
            perRound.add(numerator.apply(topRounds.get(i)).medianMillis()
                    / denominator.apply(bottomRounds.get(i)).medianMillis());
        }
        double medianPerRound = median(perRound);
        Samples topAll = top.get().merged(numerator);
        Samples bottomAll = bottom.get().merged(denominator);
        md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | ≤ %.2f | %s |%n", label,
                perRound.stream().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).collect(Collectors.joining(" ")),
                medianPerRound, topAll.medianMillis() / bottomAll.medianMillis(),
                topAll.minMillis() / bottomAll.minMillis(), goal, medianPerRound <= goal ? "yes" : "**no**"));
    }

    private Optional<Measurements> measurements(String key) {
        return results.entrySet().stream()
                .filter(entry -> entry.getKey().key().equals(key))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String millis(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
