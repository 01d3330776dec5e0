package dev.slipway.benchmarks;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The backfill benchmark's results as Markdown: how to run, figures, goals met or not, batches, machine. */
final class BackfillReport {

    static final String COMMAND = "./mvnw -B -Pbackfill-benchmark -pl benchmarks -am verify -DskipTests";

    static final double THROUGHPUT_GOAL = 0.75;
    static final double P99_GOAL = 2.0;
    static final double LOCK_GOAL_MILLIS = 250;

    private final BackfillOptions options;
    private final BenchmarkServer server;
    private final Map<BackfillVariant, List<BackfillBenchmark.Measured>> results;
    private final String loadBefore;
    private final long runNanos;
    private final int roundsDone;

    BackfillReport(
            BackfillOptions options,
            BenchmarkServer server,
            Map<BackfillVariant, List<BackfillBenchmark.Measured>> results,
            int roundsDone,
            String loadBefore,
            long runNanos) {
        this.options = options;
        this.roundsDone = roundsDone;
        this.server = server;
        this.results = results;
        this.loadBefore = loadBefore;
        this.runNanos = runNanos;
    }

    String toMarkdown() throws SQLException {
        StringBuilder md = new StringBuilder();
        md.append("# Backfill benchmark\n\n");
        if (roundsDone < options.rounds()) {
            md.append(String.format(
                    Locale.ROOT,
                    "**Partial: %d of %d rounds done; the run goes on or was cut short.**%n%n",
                    roundsDone,
                    options.rounds()));
        }
        md.append(String.format(
                        Locale.ROOT,
                        "A backfill of %,d rows three ways, each while the application's own "
                                + "traffic runs on the same table:%n",
                        options.rows()))
                .append("Slipway's `Backfills.run`, one `UPDATE` statement, and the client loop of Prisma's\n")
                .append("expand-and-contract article. Run from the repository root (PostgreSQL at 127.0.0.1:5432 as\n")
                .append("postgres, or the server in `SLIPWAY_TEST_JDBC_URL` / `SLIPWAY_TEST_USERNAME` /\n")
                .append("`SLIPWAY_TEST_PASSWORD`):\n\n")
                .append("```\n")
                .append(COMMAND)
                .append("\n```\n\n")
                .append("`-Dbackfill.rounds=`, `-Dbackfill.rows=`, `-Dbackfill.variants=` (`slipway,single,loop`),\n")
                .append(
                        "`-Dbackfill.loadThreads=` and `-Dbackfill.loadRate=` change the defaults (3, 2,000,000, all, 4,\n")
                .append(
                        "400 operations/s). The run prints this file and writes it to `docs/backfill-benchmark.md`; every\n")
                .append(
                        "run's batches go to `benchmarks/target/backfill-benchmark/*.csv`. `./mvnw verify` compiles the\n")
                .append("benchmark but never runs it. See also [benchmarks.md](benchmarks.md) and\n")
                .append("[startup-benchmark.md](startup-benchmark.md); what the figures mean for the engine, in\n")
                .append("[backfill-findings.md](backfill-findings.md).\n\n");

        md.append("## What is measured\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "- The table: `users (id bigint primary key, name text not null, "
                                + "display_name text, email text not null, login_count integer not null, created_at timestamptz "
                                + "not null)`, %,d rows, `display_name` NULL everywhere. The backfill: `display_name = name "
                                + "WHERE display_name IS NULL`. Every variant and every baseline gets a fresh copy: loaded, "
                                + "primary key added, `VACUUM (ANALYZE)`, `CHECKPOINT`; after each variant every row is checked "
                                + "to hold `display_name = name`.%n",
                        options.rows()))
                .append("- **Slipway**: ")
                .append(slipwayVariant().settings())
                .append(" Its\n  time includes creating `slipway_backfills` and the final sweep.\n")
                .append(
                        "- **single UPDATE**: `UPDATE users SET display_name = name WHERE display_name IS NULL` in one\n")
                .append("  transaction.\n")
                .append(String.format(
                        Locale.ROOT,
                        "- **client loop**: `SELECT id FROM users WHERE display_name IS NULL "
                                + "LIMIT %,d`, then `UPDATE users SET display_name = name WHERE id = ANY(?)` (autocommit), sleep "
                                + "%d ms, repeat until the select finds nothing.%n",
                        ClientLoopVariant.BATCH,
                        ClientLoopVariant.SLEEP_MILLIS))
                .append(String.format(
                        Locale.ROOT,
                        "- **Concurrent load** during every variant: %d threads, each with "
                                + "its own connection, %.0f operations/s in all on a fixed schedule; each operation is, with "
                                + "equal chance, a point read by random id (`%s`) or a single-row update of another column by "
                                + "random id (`%s`), in autocommit. Latency counts from the time the schedule planned the "
                                + "operation, so an update stuck behind a row lock also delays, and is charged for, the "
                                + "operations planned after it on its thread (corrected for coordinated omission, as wrk2 "
                                + "does). The window is the variant's run, from its first statement to its last commit; the load "
                                + "starts %d ms before it.%n",
                        options.loadThreads(),
                        options.loadRate(),
                        ConcurrentLoad.READ,
                        ConcurrentLoad.WRITE,
                        options.leadInMillis()))
                .append(
                        "- **Baseline**: after each variant, a fresh copy of the table (made the same way) and the same\n")
                .append("  load with the same random ids, for as long as the variant ran, without a backfill.\n")
                .append(
                        "- **Longest lock**: how long one transaction held the row locks it took: Slipway, the largest\n")
                .append(
                        "  `BatchReport.lockHeld` (start of the batch's UPDATE to the end of its commit); single UPDATE,\n")
                .append("  the statement and its commit; client loop, its longest UPDATE with its commit.\n")
                .append(String.format(
                        Locale.ROOT,
                        "- %d round(s); the variants' order rotates every round. Figures are "
                                + "medians over the rounds, ratios are taken within each round (same conditions), then the "
                                + "median of those.%n%n",
                        options.rounds()));

        md.append("## Results\n\n")
                .append("| variant | time | rows/s | longest lock | load p50 during | load p99 during | baseline p50 "
                        + "| baseline p99 | p99 during / baseline |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((variant, rounds) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %,.0f | %s | %s | %s | %s | %s | %.2f |%n",
                variant.label(),
                seconds(median(rounds, m -> m.run().elapsedNanos() / 1e9)),
                median(rounds, m -> m.run().rowsPerSecond()),
                millis(median(rounds, m -> m.run().maxLockHeldNanos() / 1e6)),
                millis(median(rounds, m -> m.during().all().percentileMillis(50))),
                millis(median(rounds, m -> m.during().all().percentileMillis(99))),
                millis(median(rounds, m -> m.baseline().all().percentileMillis(50))),
                millis(median(rounds, m -> m.baseline().all().percentileMillis(99))),
                median(rounds, BackfillReport::p99Ratio))));

        md.append("\n## Goals\n\n")
                .append("| goal | per round | median | target | met |\n")
                .append("|---|---|---:|---:|:---:|\n");
        goals(md);

        md.append("\n## Load latency in detail\n\n")
                .append(
                        "Medians over the rounds; reads and updates apart. \"> 1 s\" counts operations over a second, all rounds.\n\n")
                .append("| variant | window | ops | read p50 | read p99 | update p50 | update p99 | max | > 1 s |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((variant, rounds) -> {
            loadRow(md, variant.label(), "during", rounds, BackfillBenchmark.Measured::during);
            loadRow(md, variant.label(), "baseline", rounds, BackfillBenchmark.Measured::baseline);
        });

        md.append("\n## Server activity\n\n")
                .append(
                        "Per round, from just before the variant's run to the end of the load: WAL written, full-page\n")
                .append(
                        "images (pages changed for the first time after a checkpoint started), checkpoints completed and\n")
                .append(
                        "buffers that backends wrote out themselves. Server-wide: other databases' work counts too.\n\n")
                .append("| variant | WAL per round (MB) | full-page images per round | checkpoints per round "
                        + "| backend writes per round |\n")
                .append("|---|---|---|---|---|\n");
        results.forEach((variant, rounds) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s |%n",
                variant.label(),
                perRound(rounds, a -> String.format(Locale.ROOT, "%.0f", a.walBytes() / 1e6)),
                perRound(rounds, a -> String.format(Locale.ROOT, "%,d", a.fullPageImages())),
                perRound(rounds, a -> Long.toString(a.checkpoints())),
                perRound(rounds, a -> String.format(Locale.ROOT, "%,d", a.backendWrites())))));

        md.append("\n## What the load's sessions wait on\n\n")
                .append(
                        "`pg_stat_activity` of the load's sessions, read every 5 to 15 ms (at random) during the run and during the baseline\n")
                .append(
                        "(all rounds together): the share of the sessions' time spent running or waiting on an event,\n")
                .append("the five largest (the rest is idle: the client's side, the network, the schedule).\n\n")
                .append("| variant | window | active | largest states |\n")
                .append("|---|---|---:|---|\n");
        results.forEach((variant, rounds) -> {
            waitRow(
                    md,
                    variant.label(),
                    "during",
                    rounds.stream()
                            .map(BackfillBenchmark.Measured::waitsDuring)
                            .reduce(WaitSampler.Profile::plus)
                            .orElseThrow());
            waitRow(
                    md,
                    variant.label(),
                    "baseline",
                    rounds.stream()
                            .map(BackfillBenchmark.Measured::waitsBaseline)
                            .reduce(WaitSampler.Profile::plus)
                            .orElseThrow());
        });

        md.append("\n## Batches\n\n")
                .append(
                        "Per round. \"lock\" is the time a batch held its row locks; \"in batches\" the share of the run\n")
                .append("spent inside batches (the rest: bookkeeping, status reads, sleeps); \"outside UPDATE\" the\n")
                .append("median time per batch before its UPDATE started (finding the key range, the select).\n\n")
                .append("| variant | round | batches | rows per batch p50 / max | lock p50 | lock p99 | lock max "
                        + "| locks > 250 ms | in batches | outside UPDATE | batch sizes chosen |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        results.forEach((variant, rounds) -> {
            for (int i = 0; i < rounds.size(); i++) {
                batchRow(md, variant, i + 1, rounds.get(i).run());
            }
        });

        rounds("slipway").ifPresent(slipway -> timeBreakdown(md, slipway, options.rows()));
        rounds("slipway").ifPresent(slipway -> loadDuringSlipway(md, slipway));

        md.append("\n## Machine and versions\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "- Run: %s, %.0f min in all%n",
                        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                        runNanos / 60e9))
                .append(Machine.describe(loadBefore))
                .append(Machine.heap())
                .append('\n')
                .append("- PostgreSQL: ")
                .append(server.serverVersion())
                .append(" at `")
                .append(server.adminUrl())
                .append("`; ")
                .append(server.durabilitySettings())
                .append("; ")
                .append(server.memorySettings())
                .append('\n')
                .append("- Libraries: ")
                .append(String.join(
                        ", ",
                        List.of(
                                "Slipway " + options.slipwayVersion(),
                                "PostgreSQL JDBC " + Versions.postgresqlDriver(),
                                "HikariCP " + Versions.of("com.zaxxer", "HikariCP"))))
                .append('\n');
        return md.toString();
    }

    /** The Slipway variant that ran, or the one the options describe when it did not run. */
    private SlipwayBackfillVariant slipwayVariant() {
        return results.keySet().stream()
                .filter(SlipwayBackfillVariant.class::isInstance)
                .map(SlipwayBackfillVariant.class::cast)
                .findFirst()
                .orElseGet(() -> SlipwayBackfillVariant.of(options));
    }

    private void goals(StringBuilder md) {
        Optional<List<BackfillBenchmark.Measured>> slipway = rounds("slipway");
        Optional<List<BackfillBenchmark.Measured>> single = rounds("single");
        if (slipway.isPresent() && single.isPresent()) {
            List<Double> perRound = new java.util.ArrayList<>();
            for (int i = 0; i < Math.min(slipway.get().size(), single.get().size()); i++) {
                perRound.add(slipway.get().get(i).run().rowsPerSecond()
                        / single.get().get(i).run().rowsPerSecond());
            }
            double median = median(perRound);
            md.append(String.format(
                    Locale.ROOT,
                    "| Slipway rows/s / single UPDATE rows/s | %s | %.2f | ≥ %.2f | %s |%n",
                    joined(perRound),
                    median,
                    THROUGHPUT_GOAL,
                    met(median >= THROUGHPUT_GOAL)));
        } else {
            md.append("| Slipway rows/s / single UPDATE rows/s | not run | | ≥ 0.75 | |\n");
        }
        if (slipway.isPresent()) {
            List<Double> perRound =
                    slipway.get().stream().map(BackfillReport::p99Ratio).toList();
            double median = median(perRound);
            md.append(String.format(
                    Locale.ROOT,
                    "| load p99 during Slipway / baseline p99 | %s | %.2f | ≤ %.2f | %s |%n",
                    joined(perRound),
                    median,
                    P99_GOAL,
                    met(median <= P99_GOAL)));
            List<Double> locks = slipway.get().stream()
                    .map(m -> m.run().maxLockHeldNanos() / 1e6)
                    .toList();
            double longest =
                    locks.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            md.append(String.format(
                    Locale.ROOT,
                    "| longest lock held by a Slipway batch (ms; judged on the longest of "
                            + "all rounds: %.0f ms) | %s | %.0f | ≤ %.0f | %s |%n",
                    longest,
                    locks.stream()
                            .map(v -> String.format(Locale.ROOT, "%.0f", v))
                            .collect(Collectors.joining(" ")),
                    median(locks),
                    LOCK_GOAL_MILLIS,
                    met(longest <= LOCK_GOAL_MILLIS)));
        } else {
            md.append("| load p99 during Slipway / baseline p99 | not run | | ≤ 2.00 | |\n")
                    .append("| longest lock held by a Slipway batch | not run | | ≤ 250 ms | |\n");
        }
    }

    private void loadRow(
            StringBuilder md,
            String label,
            String window,
            List<BackfillBenchmark.Measured> rounds,
            java.util.function.Function<BackfillBenchmark.Measured, ConcurrentLoad.Result> part) {
        long over = rounds.stream()
                .mapToLong(m -> part.apply(m).all().countAbove(1000))
                .sum();
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %,.0f | %s | %s | %s | %s | %s | %d |%n",
                label,
                window,
                median(rounds, m -> part.apply(m).all().count()),
                millis(median(rounds, m -> part.apply(m).reads().percentileMillis(50))),
                millis(median(rounds, m -> part.apply(m).reads().percentileMillis(99))),
                millis(median(rounds, m -> part.apply(m).writes().percentileMillis(50))),
                millis(median(rounds, m -> part.apply(m).writes().percentileMillis(99))),
                millis(median(rounds, m -> part.apply(m).all().maxMillis())),
                over));
    }

    private static void batchRow(StringBuilder md, BackfillVariant variant, int round, BackfillVariant.Run run) {
        List<BackfillVariant.Batch> batches = run.batches();
        Latencies locks = new Latencies(
                batches.stream().mapToLong(BackfillVariant.Batch::lockHeldNanos).toArray());
        Latencies rows = new Latencies(
                batches.stream().mapToLong(BackfillVariant.Batch::rowsScanned).toArray());
        Latencies outside = new Latencies(batches.stream()
                .mapToLong(b -> b.durationNanos() - b.lockHeldNanos())
                .toArray());
        long inBatches =
                batches.stream().mapToLong(BackfillVariant.Batch::durationNanos).sum();
        md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %,d | %,.0f / %,.0f | %s | %s | %s | %d | %.0f %% | %s | %s |%n",
                variant.label(),
                round,
                batches.size(),
                rows.percentile(50),
                rows.percentile(100),
                millis(locks.percentileMillis(50)),
                millis(locks.percentileMillis(99)),
                millis(locks.maxMillis()),
                locks.countAbove(LOCK_GOAL_MILLIS),
                100.0 * inBatches / run.elapsedNanos(),
                millis(outside.percentileMillis(50)),
                variant.key().equals("slipway") ? trajectory(batches) : ""));
    }

    /**
     * Where Slipway's time went, round by round: before the first batch; in the first pass over the table, finding
     * key ranges and the UPDATE with the cursor save and commit (row locks held); the final sweep; between batches.
     */
    private static void timeBreakdown(StringBuilder md, List<BackfillBenchmark.Measured> rounds, long rows) {
        md.append("\n## Where Slipway's time goes\n\n")
                .append(
                        "Per round, from the batches' own timings (`BatchReport.duration` and `lockHeld`). \"Key ranges\"\n")
                .append("is the query that finds a batch's upper key; \"locked\" the UPDATE, the cursor save and the\n")
                .append(
                        "commit, of the first pass over the table; \"sweep\" every batch after it (the final sweep, with\n")
                .append("its queries and UPDATEs that find no row left); \"between\" the rest after\n")
                .append(
                        "the first batch (the status read for `BatchReport`, the pause). \"µs/row\" is lock time per row of\n")
                .append("a batch, whose spread is what pushes a batch's lock time past its target.\n\n")
                .append(
                        "| round | total | before first batch | key ranges | locked | sweep | between | µs/row p50 / p99 / max "
                                + "| batches locked > 150 ms |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < rounds.size(); i++) {
            BackfillVariant.Run run = rounds.get(i).run();
            List<BackfillVariant.Batch> batches = run.batches();
            if (batches.isEmpty()) {
                continue;
            }
            BackfillVariant.Batch first = batches.get(0);
            long before = first.endNanos() - first.durationNanos() - run.startNanos();
            long ranges = 0, locked = 0, sweep = 0, inBatches = 0, walked = 0;
            for (BackfillVariant.Batch batch : batches) {
                inBatches += batch.durationNanos();
                if (walked >= rows) {
                    sweep += batch.durationNanos();
                } else {
                    locked += batch.lockHeldNanos();
                    ranges += batch.durationNanos() - batch.lockHeldNanos();
                }
                walked += batch.rowsScanned();
            }
            long between = run.elapsedNanos() - before - inBatches;
            Latencies perRow = new Latencies(batches.stream()
                    .filter(b -> b.rowsUpdated() > 0)
                    .mapToLong(b -> b.lockHeldNanos() / b.rowsScanned())
                    .toArray());
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %s | %s | %s | %s | %.1f / %.1f / %.1f | %d |%n",
                    i + 1,
                    seconds(run.elapsedNanos() / 1e9),
                    share(before, run),
                    share(ranges, run),
                    share(locked, run),
                    share(sweep, run),
                    share(between, run),
                    perRow.percentile(50) / 1e3,
                    perRow.percentile(99) / 1e3,
                    perRow.percentile(100) / 1e3,
                    batches.stream()
                            .filter(b -> b.lockHeldNanos() > 150_000_000L)
                            .count()));
        }
    }

    /**
     * Why the load's latency rises while Slipway runs: service times (from sending, without the queueing that the
     * schedule adds) of reads, and of the updates that met a batch's locked key range against the others.
     */
    private static void loadDuringSlipway(StringBuilder md, List<BackfillBenchmark.Measured> rounds) {
        md.append("\n## The load during Slipway's batches\n\n")
                .append(
                        "Per round. Service time is from sending an operation to its answer, without the wait for its\n")
                .append(
                        "turn on the thread; the p99 above also counts that wait. An update \"met a batch\" when its id lay\n")
                .append("in a batch's key range while the batch held or took its row locks (see `LockCollisions`).\n\n")
                .append(
                        "| round | load p99 during / baseline | read service p99 during / baseline | updates that met a batch "
                                + "| their service p50 / max | other updates' service p99 during / baseline |\n")
                .append("|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < rounds.size(); i++) {
            BackfillBenchmark.Measured m = rounds.get(i);
            LockCollisions collisions = LockCollisions.of(m.run(), m.during());
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s / %s | %s / %s | %,d of %,d (%.2f %%) | %s / %s | %s / %s |%n",
                    i + 1,
                    millis(m.during().all().percentileMillis(99)),
                    millis(m.baseline().all().percentileMillis(99)),
                    millis(m.during().serviceReads().percentileMillis(99)),
                    millis(m.baseline().serviceReads().percentileMillis(99)),
                    collisions.met(),
                    collisions.updates(),
                    100.0 * collisions.met() / Math.max(1, collisions.updates()),
                    millis(collisions.metService().percentileMillis(50)),
                    millis(collisions.metService().maxMillis()),
                    millis(collisions.otherService().percentileMillis(99)),
                    millis(m.baseline().serviceWrites().percentileMillis(99))));
        }
    }

    private static void waitRow(StringBuilder md, String label, String window, WaitSampler.Profile profile) {
        double active =
                profile.active().keySet().stream().mapToDouble(profile::share).sum();
        String largest = profile.active().keySet().stream()
                .sorted((a, b) -> Double.compare(profile.share(b), profile.share(a)))
                .limit(5)
                .map(state -> String.format(Locale.ROOT, "%s %.1f %%", state, 100 * profile.share(state)))
                .collect(Collectors.joining(", "));
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f %% | %s |%n", label, window, 100 * active, largest));
    }

    private static String share(long nanos, BackfillVariant.Run run) {
        return String.format(Locale.ROOT, "%.2f s (%.0f %%)", nanos / 1e9, 100.0 * nanos / run.elapsedNanos());
    }

    /** The batch size the adaptive sizing chose after batches 1, 2, 3, 5, 10, 20, 50, 100, ... and the last. */
    private static String trajectory(List<BackfillVariant.Batch> batches) {
        StringBuilder out = new StringBuilder();
        int[] marks = {1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};
        for (int mark : marks) {
            if (mark < batches.size()) {
                out.append(out.isEmpty() ? "" : ", ")
                        .append(mark)
                        .append(": ")
                        .append(batches.get(mark - 1).nextBatchSize());
            }
        }
        if (!batches.isEmpty()) {
            out.append(out.isEmpty() ? "" : ", ")
                    .append("last (")
                    .append(batches.size())
                    .append("): ")
                    .append(batches.get(batches.size() - 1).nextBatchSize());
        }
        return out.toString();
    }

    private Optional<List<BackfillBenchmark.Measured>> rounds(String key) {
        return results.entrySet().stream()
                .filter(e -> e.getKey().key().equals(key))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The load's p99 during the backfill over its p99 in the run without one. */
    static double p99Ratio(BackfillBenchmark.Measured m) {
        return m.during().all().percentileMillis(99) / m.baseline().all().percentileMillis(99);
    }

    /** The median over the rounds of one figure. */
    static double median(List<BackfillBenchmark.Measured> rounds, ToDoubleFunction<BackfillBenchmark.Measured> value) {
        return median(rounds.stream().map(value::applyAsDouble).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String perRound(
            List<BackfillBenchmark.Measured> rounds, java.util.function.Function<ServerActivity, String> format) {
        return rounds.stream().map(m -> format.apply(m.activity())).collect(Collectors.joining(" "));
    }

    private static String joined(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(" "));
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return millis >= 1000
                ? String.format(Locale.ROOT, "%.2f s", millis / 1000)
                : millis >= 10
                        ? String.format(Locale.ROOT, "%.0f ms", millis)
                        : String.format(Locale.ROOT, "%.2f ms", millis);
    }
}
