package dev.slipway.benchmarks;

import java.nio.file.Path;
import java.sql.SQLException;
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

    /** The product's goals: Slipway's time over another contender's, judged on the median of per-round ratios. */
    static final List<Goal> GOALS = List.of(
            new Goal("Slipway apply / plain JDBC apply", "slipway", "jdbc", Measurements.Round::apply, 1.15),
            new Goal("Slipway apply / Flyway apply", "slipway", "flyway", Measurements.Round::apply, 0.6),
            new Goal("Slipway no-op / Flyway no-op", "slipway", "flyway", Measurements.Round::noop, 0.3));

    /** A bound on {@code numerator}'s time over {@code denominator}'s, for one part of a round (apply or no-op). */
    record Goal(
            String label,
            String numerator,
            String denominator,
            Function<Measurements.Round, Samples> part,
            double atMost) {}

    /**
     * A measured ratio: each round's (of the round's medians: one apply, the median of its no-op runs), their median,
     * and the ratios of the medians and of the minimums over all rounds.
     */
    record Ratio(List<Double> perRound, double medianPerRound, double ofMedians, double ofMinimums, double atMost) {

        /** Whether the goal is met, judged on the median of the per-round ratios. */
        boolean met() {
            return medianPerRound <= atMost;
        }
    }

    private final Options options;
    private final BenchmarkServer server;
    private final Map<Contender, Measurements> results;
    private final String loadBefore;
    private final Optional<Checkout> checkout;

    Report(
            Options options,
            BenchmarkServer server,
            Map<Contender, Measurements> results,
            String loadBefore,
            Optional<Checkout> checkout) {
        this.options = options;
        this.server = server;
        this.results = results;
        this.loadBefore = loadBefore;
        this.checkout = checkout;
    }

    /** Another benchmark's figures, from its report next to this one (see {@link BenchmarkSummary}). */
    private String figures(BenchmarkSummary summary) {
        Path folder = options.output() != null ? options.output().getParent() : Path.of("docs");
        try {
            return summary.wrappedBlock(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String toMarkdown() throws SQLException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n")
                .append("Run from the repository root (PostgreSQL at 127.0.0.1:5432 as postgres, or the server in\n")
                .append("`SLIPWAY_TEST_JDBC_URL` / `SLIPWAY_TEST_USERNAME` / `SLIPWAY_TEST_PASSWORD`):\n\n")
                .append("```\n")
                .append(COMMAND)
                .append("\n```\n\n")
                .append("`-Dbenchmark.rounds=`, `-Dbenchmark.warmupRounds=`, `-Dbenchmark.noopRepeats=` and\n")
                .append("`-Dbenchmark.migrations=` change the defaults (5, 1, 3, 1000). The run prints this file and\n")
                .append("writes it to `docs/benchmarks.md`, and its figures to the block `migration` of `README.md`;\n")
                .append("`./mvnw verify` compiles the module but never runs it.\n")
                .append("The startup time the starters add to an application is measured separately, see\n")
                .append("[startup-benchmark.md](startup-benchmark.md); backfills, see\n")
                .append("[backfill-benchmark.md](backfill-benchmark.md); a whole rollout under load, see\n")
                .append(
                        "[zero-downtime-benchmark.md](zero-downtime-benchmark.md); reading and diffing a large schema,\n")
                .append("see [schema-diff-benchmark.md](schema-diff-benchmark.md); both with a summary below.\n\n");

        md.append("## Zero-downtime rollout (summary)\n\n")
                .append(
                        "[zero-downtime-benchmark.md](zero-downtime-benchmark.md) runs the sample app's change from v1\n")
                .append("to v3 (`users.name` becomes `display_name`, posts get a unique slug) on 1,000,000 users and\n")
                .append(
                        "1,000,000 posts while a fixed-rate load runs against a fleet of app instances (child JVMs of\n")
                .append(
                        "the packaged jar), two ways: Slipway's rollout (expand, backfill, contract applied by itself)\n")
                .append("and the naive way (rename, table rewrite and unique index in one transaction, then the new\n")
                .append(
                        "code). It reports, side by side and per phase, failed requests (with their kinds), p50/p99/max\n")
                .append("latency measured from each request's planned start, the longest lock-wait window and the\n")
                .append("longest time without a good answer. Run it with\n")
                .append("`./mvnw -B -Pzero-downtime-benchmark -pl benchmarks -am verify -DskipTests`.\n\n")
                .append(figures(BenchmarkSummary.ZERO_DOWNTIME))
                .append('\n');

        md.append("## Schema diff (summary)\n\n")
                .append("[schema-diff-benchmark.md](schema-diff-benchmark.md) reads two databases of a generated\n")
                .append("application schema (500 tables with keys, checks, foreign keys, partial and expression\n")
                .append("indexes, views, functions and triggers; the second with a release applied) and plans the\n")
                .append(
                        "difference, end to end, against `pg_dump --schema-only` of both; it counts the catalog round\n")
                .append(
                        "trips and checks that the plan, applied to a copy of the first, leaves nothing to plan. Goal:\n")
                .append("under 2 s end to end. Run it with\n")
                .append("`./mvnw -B -Pschema-diff-benchmark -pl benchmarks -am verify -DskipTests`.\n\n")
                .append(figures(BenchmarkSummary.SCHEMA_DIFF))
                .append('\n');

        md.append("## What is measured\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%,d generated migrations, each `CREATE TABLE t_0001 (id bigint primary key, "
                                + "payload text);` plus `COMMENT ON TABLE t_0001 IS '...';`, applied to an empty database "
                                + "(**apply**), then the same tool run again with all of them applied (**no-op**).%n%n",
                        options.migrations()))
                .append(
                        "- Contenders, in one JVM against one server: Slipway (folders `<version>_<name>/migration.sql`),\n")
                .append("  Flyway Community (the same SQL as `V<n>__<name>.sql`, default settings) and a plain JDBC\n")
                .append("  baseline (reads the same files, runs each migration's statements in a transaction of its\n")
                .append("  own on one connection; no lock, no history, no validation, hence no no-op figure).\n")
                .append("- Each time covers building the tool and its whole run, from the files on disk to the last\n")
                .append("  commit. Every apply gets a new empty database; each apply is checked to report all\n")
                .append("  migrations applied and to leave every table, each no-op run to apply none.\n")
                .append(String.format(
                        Locale.ROOT,
                        "- DataSource: one HikariCP pool per database, %d connections, all open "
                                + "before the clock starts, the same for every contender.%n",
                        BenchmarkServer.POOL_SIZE))
                .append("- Libraries log at WARN (slf4j-simple), so no contender pays for a log line per migration.\n")
                .append(String.format(
                        Locale.ROOT,
                        "- %d warm-up round(s), then %d measured rounds; the contenders' order "
                                + "rotates every round. No-op: %d runs after each apply, so %d samples.%n%n",
                        options.warmupRounds(),
                        options.rounds(),
                        options.noopRepeats(),
                        options.rounds() * options.noopRepeats()));

        md.append("## Results\n\n")
                .append(
                        "Wall-clock times; \"JVM CPU\" is the CPU time this JVM spent meanwhile (median), the tool's own\n")
                .append("work in Java, which other load on the machine hardly changes.\n\n")
                .append("| contender | apply median | apply min | apply per migration | apply JVM CPU | no-op median "
                        + "| no-op min | no-op JVM CPU |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((contender, result) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %.2f ms | %s | %s | %s | %s |%n",
                contender.name(),
                millis(result.apply().medianMillis()),
                millis(result.apply().minMillis()),
                result.apply().medianMillis() / options.migrations(),
                millis(result.applyCpu().medianMillis()),
                result.noop().isEmpty() ? "n/a" : millis(result.noop().medianMillis()),
                result.noop().isEmpty() ? "n/a" : millis(result.noop().minMillis()),
                result.noop().isEmpty() ? "n/a" : millis(result.noopCpu().medianMillis()))));

        md.append("\n## Ratios against the goals\n\n")
                .append(
                        "The contenders run back to back in each round, so a round's ratio compares them under the same\n")
                .append("load; the goal is judged on the median of those per-round ratios.\n\n")
                .append("| ratio | per round | median per round | of medians | of minimums | goal | met |\n")
                .append("|---|---|---:|---:|---:|---:|:---:|\n");
        for (Goal goal : GOALS) {
            Optional<Ratio> ratio = ratio(goal);
            md.append(ratio.map(r -> String.format(
                            Locale.ROOT,
                            "| %s | %s | %.2f | %.2f | %.2f | ≤ %.2f | %s |%n",
                            goal.label(),
                            r.perRound().stream()
                                    .map(v -> String.format(Locale.ROOT, "%.2f", v))
                                    .collect(Collectors.joining(" ")),
                            r.medianPerRound(),
                            r.ofMedians(),
                            r.ofMinimums(),
                            goal.atMost(),
                            r.met() ? "yes" : "**no**"))
                    .orElse(String.format(
                            Locale.ROOT, "| %s | not run | | | | ≤ %.2f | |%n", goal.label(), goal.atMost())));
        }

        md.append("\n## Machine and versions\n\n")
                .append(Machine.runAndMachine(checkout, loadBefore))
                .append("- PostgreSQL: ")
                .append(server.serverVersion())
                .append(" at `")
                .append(server.adminUrl())
                .append("`; ")
                .append(server.durabilitySettings())
                .append('\n')
                .append("- Libraries: ")
                .append(String.join(
                        ", ",
                        List.of(
                                "Slipway " + options.slipwayVersion(),
                                "Flyway " + Versions.of("org.flywaydb", "flyway-core"),
                                "PostgreSQL JDBC " + Versions.postgresqlDriver(),
                                "HikariCP " + Versions.of("com.zaxxer", "HikariCP"))))
                .append('\n');
        return md.toString();
    }

    /**
     * The block of {@code README.md}: provenance, what ran and which statistic, the medians, and each goal with its
     * measured ratio and whether it is met.
     */
    String readmeBlock(ReadmeBlock readme) throws SQLException {
        StringBuilder md = new StringBuilder(readme.provenance(options.output(), server.serverVersion(), loadBefore));
        int noops = options.rounds() * options.noopRepeats();
        md.append(String.format(
                        Locale.ROOT,
                        "%,d migrations; %d measured round(s) after %d warm-up round(s). Apply: the median "
                                + "of %d applies, one per round on an empty database; no-op: the median of %d runs, %d after each "
                                + "apply.%n%n",
                        options.migrations(),
                        options.rounds(),
                        options.warmupRounds(),
                        options.rounds(),
                        noops,
                        options.noopRepeats()))
                .append("| | apply (median) | no-op (median) |\n")
                .append("|---|---:|---:|\n");
        results.forEach((contender, result) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s |%n",
                contender.name(),
                millis(result.apply().medianMillis()),
                result.noop().isEmpty() ? "n/a" : millis(result.noop().medianMillis()))));
        md.append("\nThe goals, judged on the median of the per-round ratios (in a round the contenders run back to\n")
                .append("back; a round's no-op figure is the median of its runs):\n\n")
                .append("| ratio | median per round | goal | |\n")
                .append("|---|---:|---:|---|\n");
        for (Goal goal : GOALS) {
            md.append(ratio(goal)
                    .map(r -> String.format(
                            Locale.ROOT,
                            "| %s | %.2f | ≤ %.2f | %s |%n",
                            goal.label(),
                            r.medianPerRound(),
                            goal.atMost(),
                            r.met() ? "met" : "**not met**"))
                    .orElse(String.format(Locale.ROOT, "| %s | not run | ≤ %.2f | |%n", goal.label(), goal.atMost())));
        }
        return md.toString();
    }

    /** The ratio that {@code goal} bounds, or empty when a contender it compares did not run. */
    private Optional<Ratio> ratio(Goal goal) {
        Optional<Measurements> top = measurements(goal.numerator());
        Optional<Measurements> bottom = measurements(goal.denominator());
        if (top.isEmpty() || bottom.isEmpty()) {
            return Optional.empty();
        }
        List<Double> perRound = new ArrayList<>();
        List<Measurements.Round> topRounds = top.get().rounds();
        List<Measurements.Round> bottomRounds = bottom.get().rounds();
        for (int i = 0; i < Math.min(topRounds.size(), bottomRounds.size()); i++) {
            perRound.add(goal.part().apply(topRounds.get(i)).medianMillis()
                    / goal.part().apply(bottomRounds.get(i)).medianMillis());
        }
        Samples topAll = top.get().merged(goal.part());
        Samples bottomAll = bottom.get().merged(goal.part());
        return Optional.of(new Ratio(
                perRound,
                BenchmarkSupport.median(perRound),
                topAll.medianMillis() / bottomAll.medianMillis(),
                topAll.minMillis() / bottomAll.minMillis(),
                goal.atMost()));
    }

    private Optional<Measurements> measurements(String key) {
        return results.entrySet().stream()
                .filter(entry -> entry.getKey().key().equals(key))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static String millis(double millis) {
        return millis >= 1000
                ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
