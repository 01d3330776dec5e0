package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The figures of another benchmark that {@code docs/benchmarks.md} repeats: the first table of one section of that
 * benchmark's report and the date of that run, in a block of its own (see {@link MarkedBlock}). Both reports keep it
 * in step:
 *
 * <ol>
 *   <li>the benchmark rewrites its block in {@code benchmarks.md} after each run ({@link #refresh}), when that file
 *       exists;</li>
 *   <li>the migration benchmark, which regenerates {@code benchmarks.md}, copies every block from the reports next to
 *       it ({@link #block}), or says that a benchmark has not been run when its report is missing.</li>
 * </ol>
 *
 * @param report the file name of the benchmark's report, next to {@code benchmarks.md}
 * @param block the name of the block in {@code benchmarks.md}
 * @param section the heading of the report's section whose first table is copied, e.g. {@code ## Side by side}
 * @param benchmark how the text names the benchmark, e.g. "The zero-downtime benchmark"
 */
record BenchmarkSummary(String report, String block, String section, String benchmark) {

    static final BenchmarkSummary ZERO_DOWNTIME = new BenchmarkSummary(
            "zero-downtime-benchmark.md", "zero-downtime", "## Side by side", "The zero-downtime benchmark");

    static final BenchmarkSummary SCHEMA_DIFF = new BenchmarkSummary(
            "schema-diff-benchmark.md", "schema-diff", "## Side by side", "The schema diff benchmark");

    /**
     * The block for {@code benchmarks.md}, between its markers, taken from the report in {@code folder}: its table
     * and when it ran, or a line saying that it has not been run when there is no report.
     */
    String wrappedBlock(Path folder) throws IOException {
        return MarkedBlock.wrapped(block, content(folder.resolve(report)));
    }

    /** What goes between the markers, from the report at {@code reportFile}. */
    String content(Path reportFile) throws IOException {
        StringBuilder content = new StringBuilder();
        if (!Files.exists(reportFile)) {
            return content.append(benchmark)
                    .append(" has not been run on this checkout.\n")
                    .toString();
        }
        List<String> lines = Files.readAllLines(reportFile, StandardCharsets.UTF_8);
        lines.stream()
                .filter(line -> line.startsWith("- Run:"))
                .findFirst()
                .ifPresent(run -> content.append("Figures of the run of record (")
                        .append(run.substring("- Run:".length()).strip())
                        .append("), from [" + report + "](" + report + "):\n\n"));
        boolean inTable = false;
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals(section);
            } else if (inSection && line.startsWith("|")) {
                content.append(line).append('\n');
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        return content.toString();
    }

    /**
     * Rewrites the block in {@code benchmarks} from the report just written at {@code reportFile}; nothing when the
     * migration benchmark has not written {@code benchmarks.md} yet.
     */
    void refresh(Path benchmarks, Path reportFile) throws IOException {
        if (Files.exists(benchmarks)) {
            MarkedBlock.rewrite(benchmarks, block, content(reportFile));
        }
    }
}
