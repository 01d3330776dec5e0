package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A backfill of 2,000,000 rows three ways, each under the same concurrent load: Slipway's {@code Backfills.run},
 * one {@code UPDATE} statement, and the client loop of the Prisma article.
 *
 * <ol>
 *   <li>Create one database for the run.</li>
 *   <li>For every round, take the variants in an order rotated by one each round, so that none is always first or
 *       last. For each variant:
 *       <ol>
 *         <li>make a fresh {@code users} (see {@link UsersTable}: loaded, primary key, {@code VACUUM (ANALYZE)},
 *             {@code CHECKPOINT});</li>
 *         <li>start the {@link ConcurrentLoad}, let it run for the lead-in, then run the variant; the load's window
 *             is the variant's run, from its first statement to its last commit; note the server's
 *             {@link ServerActivity} (WAL, full-page images, checkpoints) from just before the run to the load's
 *             end, and what the load's sessions wait on during the run ({@link WaitSampler});</li>
 *         <li>check that every row has {@code display_name = name};</li>
 *         <li>make a fresh {@code users} again, the same way, and run the same load without a backfill for as long as
 *             the variant ran, with the same sampling: its baseline;</li>
 *         <li>write the variant's batches as CSV.</li>
 *       </ol></li>
 *   <li>Report medians over the rounds, the ratios against the goals and the machine (see {@link BackfillReport}),
 *       written after every round, so that a run cut short still leaves the rounds it finished; at the end, the
 *       block {@code backfill} of the checkout's {@code README.md} (see {@link BackfillReadme}).</li>
 * </ol>
 */
public final class BackfillBenchmark {

    /** One variant's run in one round, with the load's latencies during it and in its baseline. */
    record Measured(
            BackfillVariant.Run run,
            ConcurrentLoad.Result during,
            ConcurrentLoad.Result baseline,
            ServerActivity activity,
            WaitSampler.Profile waitsDuring,
            WaitSampler.Profile waitsBaseline) {}

    private final BackfillOptions options;
    private final BenchmarkServer server;
    private final String loadBefore;
    private final long started = System.nanoTime();

    private BackfillBenchmark(BackfillOptions options, BenchmarkServer server, String loadBefore) {
        this.options = options;
        this.server = server;
        this.loadBefore = loadBefore;
    }

    public static void main(String[] args) throws Exception {
        BackfillOptions options = BackfillOptions.parse(args);
        BenchmarkServer server = BenchmarkServer.fromEnvironment(System.getenv());
        String loadBefore = Machine.loadAverage();
        Optional<ReadmeBlock> readme = ReadmeBlock.forRun(options.output(), "backfill", "the backfill benchmark");
        BackfillBenchmark benchmark = new BackfillBenchmark(options, server, loadBefore);
        Map<BackfillVariant, List<Measured>> results = benchmark.run();
        String markdown = benchmark.write(results, options.rounds());
        System.out.println();
        System.out.println(markdown);
        if (options.output() != null) {
            System.out.println("Written to " + options.output());
        }
        if (readme.isPresent()) {
            readme.get().write(new BackfillReadme(options, server, results, loadBefore).block(readme.get()));
        }
    }

    /** Writes the report of the rounds done so far to the output file, if any, and returns it. */
    private String write(Map<BackfillVariant, List<Measured>> results, int roundsDone) throws Exception {
        String markdown = new BackfillReport(
                        options, server, results, roundsDone, loadBefore, System.nanoTime() - started)
                .toMarkdown();
        if (options.output() != null) {
            Files.createDirectories(options.output().getParent());
            Files.writeString(options.output(), markdown, StandardCharsets.UTF_8);
        }
        return markdown;
    }

    private Map<BackfillVariant, List<Measured>> run() throws Exception {
        List<BackfillVariant> variants = variants();
        Map<BackfillVariant, List<Measured>> results = new LinkedHashMap<>();
        variants.forEach(variant -> results.put(variant, new ArrayList<>()));
        String database = server.createDatabase();
        try {
            for (int round = 0; round < options.rounds(); round++) {
                for (BackfillVariant variant : BenchmarkSupport.rotated(variants, round)) {
                    String label = "round " + (round + 1) + "/" + options.rounds() + ": " + variant.label();
                    Measured measured = measure(database, variant, round);
                    BenchmarkSupport.log(describe(label, measured));
                    results.get(variant).add(measured);
                    writeBatches(variant, round, measured.run());
                }
                if (round + 1 < options.rounds()) {
                    write(results, round + 1);
                }
            }
        } finally {
            server.dropDatabase(database);
        }
        return results;
    }

    private List<BackfillVariant> variants() {
        List<BackfillVariant> variants = new ArrayList<>();
        for (String key : options.variants()) {
            variants.add(
                    switch (key) {
                        case "slipway" -> SlipwayBackfillVariant.of(options);
                        case "single" -> new SingleUpdateVariant();
                        case "loop" -> new ClientLoopVariant();
                        default ->
                            throw new IllegalArgumentException(
                                    "Unknown variant " + key + "; known: slipway, single, loop");
                    });
        }
        return variants;
    }

    private Measured measure(String database, BackfillVariant variant, int round) throws Exception {
        long seed = 1_000L * round;
        UsersTable.create(server, database, options.rows());
        ConcurrentLoad load =
                ConcurrentLoad.start(server, database, options.rows(), options.loadThreads(), options.loadRate(), seed);
        BackfillVariant.Run run;
        ServerActivity before;
        WaitSampler sampler = null;
        WaitSampler.Profile waitsDuring;
        try {
            Thread.sleep(options.leadInMillis());
            before = ServerActivity.read(server, database);
            sampler = WaitSampler.start(server, database, options.loadThreads());
            run = variant.run(server, database);
            waitsDuring = sampler.stop();
        } catch (Exception | Error e) {
            if (sampler != null) {
                sampler.stop();
            }
            load.stop(System.nanoTime(), System.nanoTime());
            throw e;
        }
        ConcurrentLoad.Result during = load.stop(run.startNanos(), run.endNanos());
        ServerActivity activity = ServerActivity.read(server, database).since(before);
        UsersTable.checkBackfilled(server, database, variant.label());
        if (run.rowsUpdated() != options.rows()) {
            BenchmarkSupport.log("note: " + variant.label() + " reported " + run.rowsUpdated()
                    + " rows updated; the table" + " has " + options.rows() + ", all of them checked backfilled");
        }

        UsersTable.create(server, database, options.rows());
        ConcurrentLoad baselineLoad =
                ConcurrentLoad.start(server, database, options.rows(), options.loadThreads(), options.loadRate(), seed);
        Thread.sleep(options.leadInMillis());
        WaitSampler baselineSampler = WaitSampler.start(server, database, options.loadThreads());
        long start = System.nanoTime();
        long end = start + run.elapsedNanos();
        long wait;
        while ((wait = end - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, wait / 1_000_000));
        }
        WaitSampler.Profile waitsBaseline = baselineSampler.stop();
        ConcurrentLoad.Result baseline = baselineLoad.stop(start, end);
        return new Measured(run, during, baseline, activity, waitsDuring, waitsBaseline);
    }

    private static String describe(String label, Measured measured) {
        BackfillVariant.Run run = measured.run();
        return String.format(
                Locale.ROOT,
                "%s: %.1f s, %,.0f rows/s, %d batches, longest lock %.0f ms;"
                        + " load p50/p99 %.1f/%.1f ms (baseline %.1f/%.1f ms, %d/%d ops)",
                label,
                run.elapsedNanos() / 1e9,
                run.rowsPerSecond(),
                run.batches().size(),
                run.maxLockHeldNanos() / 1e6,
                measured.during().all().percentileMillis(50),
                measured.during().all().percentileMillis(99),
                measured.baseline().all().percentileMillis(50),
                measured.baseline().all().percentileMillis(99),
                measured.during().all().count(),
                measured.baseline().all().count());
    }

    /** Writes the run's batches to {@code <batches>/<variant>-round-<n>.csv}, times in ms from the run's start. */
    private void writeBatches(BackfillVariant variant, int round, BackfillVariant.Run run) throws IOException {
        Files.createDirectories(options.batches());
        StringBuilder csv = new StringBuilder(
                "batch,end_ms,rows_scanned,rows_updated,duration_ms,lock_held_ms," + "next_batch_size\n");
        int number = 0;
        for (BackfillVariant.Batch batch : run.batches()) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,%.3f,%d,%d,%.3f,%.3f,%d%n",
                    ++number,
                    (batch.endNanos() - run.startNanos()) / 1e6,
                    batch.rowsScanned(),
                    batch.rowsUpdated(),
                    batch.durationNanos() / 1e6,
                    batch.lockHeldNanos() / 1e6,
                    batch.nextBatchSize()));
        }
        Path file = options.batches().resolve(variant.key() + "-round-" + (round + 1) + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }
}
