package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A benchmark's block of figures in the checkout's {@code README.md} (see {@link MarkedBlock}): where it goes, the
 * line every block starts with (the commit, the date, the machine), and the writing of it.
 *
 * <ol>
 *   <li>At the start of a run, {@link #forRun} finds the checkout that holds the run's report, notes its commit and
 *       whether it had uncommitted changes (see {@link Checkout}), and checks that the README has the block's
 *       markers, so that a long run does not end in an error.</li>
 *   <li>At the end, the benchmark builds the block's content, starting with {@link #provenance}, and
 *       {@link #write}s it between the markers.</li>
 * </ol>
 */
final class ReadmeBlock {

    private final Checkout checkout;
    private final String name;
    private final String benchmark;

    private ReadmeBlock(Checkout checkout, String name, String benchmark) {
        this.checkout = checkout;
        this.name = name;
        this.benchmark = benchmark;
    }

    /**
     * The block {@code name} of the README of the checkout that holds {@code report}, or empty when the report is
     * not written or not written into a checkout (then no README is touched).
     *
     * @param benchmark what the block says wrote it, e.g. "the migration benchmark"
     * @throws IllegalStateException when the README lacks the block's markers
     */
    static Optional<ReadmeBlock> forRun(Path report, String name, String benchmark)
            throws IOException, InterruptedException {
        Optional<Checkout> checkout = Checkout.containing(report);
        if (checkout.isEmpty()) {
            return Optional.empty();
        }
        Path readme = checkout.get().readme();
        if (!Files.isRegularFile(readme)) {
            throw new IllegalStateException("No README.md at " + readme + ", the root of the checkout that holds "
                    + report + "; " + benchmark + " writes its figures there between " + MarkedBlock.begin(name)
                    + " and " + MarkedBlock.end(name) + ".");
        }
        MarkedBlock.replace(Files.readString(readme, StandardCharsets.UTF_8), name, "", readme.toString());
        return Optional.of(new ReadmeBlock(checkout.get(), name, benchmark));
    }

    Checkout checkout() {
        return checkout;
    }

    /**
     * The block's first paragraph, with a blank line after it: what wrote it, on which commit, when and on what machine, and a link to the
     * full report; e.g. "Written by the migration benchmark on commit `423b914`, 2026-11-21 10:35 UTC; 2 cores,
     * PostgreSQL 15.20, Java 17.0.15, load average 0.95 before the run. Full report:
     * [docs/benchmarks.md](docs/benchmarks.md)."
     */
    String provenance(Path report, String serverVersion, String loadBefore) {
        String loadOneMinute = loadBefore.split(",")[0].strip();
        return "Written by " + benchmark + " on commit `" + checkout.commit() + "`"
                + (checkout.uncommittedChanges() ? " + uncommitted changes" : "") + ", "
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + "; " + Runtime.getRuntime().availableProcessors() + " cores, PostgreSQL "
                + serverVersion.split(" ")[0] + ", Java " + System.getProperty("java.version")
                + ", load average " + loadOneMinute + " before the run. Full report: [" + link(report) + "]("
                + link(report) + ").\n\n";
    }

    /** Writes {@code content} between the block's markers. */
    void write(String content) throws IOException {
        MarkedBlock.rewrite(checkout.readme(), name, content);
        BenchmarkSupport.log("Figures written to " + checkout.readme() + " (block " + name + ")");
    }

    /** The report's path relative to the README, with forward slashes. */
    private String link(Path report) {
        Path file = report.toAbsolutePath().normalize();
        try {
            file = file.getParent().toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            // The folder is gone: link the path as given.
        }
        return checkout.root().relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
