package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The figures of the zero-downtime benchmark that {@code docs/benchmarks.md} repeats: the side-by-side table of
 * {@code docs/zero-downtime-benchmark.md} and the date of that run. Both reports keep it in step: the
 * zero-downtime benchmark rewrites the block in {@code benchmarks.md} after each run, and the migration benchmark,
 * which regenerates {@code benchmarks.md}, copies it from the zero-downtime report.
 */
final class ZeroDowntimeSummary {

    static final String REPORT = "zero-downtime-benchmark.md";

    /** The name of the block in {@code benchmarks.md} (see {@link MarkedBlock}). */
    static final String BLOCK = "zero-downtime";

    private ZeroDowntimeSummary() {}

    /**
     * The block for {@code benchmarks.md}, between its markers, taken from the zero-downtime report next to it:
     * its side-by-side table and when it ran, or a line saying that it has not been run when there is no report.
     */
    static String block(Path zeroDowntimeReport) throws IOException {
        return MarkedBlock.wrapped(BLOCK, content(zeroDowntimeReport));
    }

    private static String content(Path zeroDowntimeReport) throws IOException {
        StringBuilder block = new StringBuilder();
        if (!Files.exists(zeroDowntimeReport)) {
            return block.append("The zero-downtime benchmark has not been run on this checkout.\n")
                    .toString();
        }
        List<String> lines = Files.readAllLines(zeroDowntimeReport, StandardCharsets.UTF_8);
        lines.stream()
                .filter(line -> line.startsWith("- Run:"))
                .findFirst()
                .ifPresent(run -> block.append("Figures of the run of record (")
                        .append(run.substring("- Run:".length()).strip())
                        .append("), from [" + REPORT + "](" + REPORT + "):\n\n"));
        boolean inTable = false;
        boolean afterSideBySide = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                afterSideBySide = line.equals("## Side by side");
            } else if (afterSideBySide && line.startsWith("|")) {
                block.append(line).append('\n');
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        return block.toString();
    }

    /**
     * Rewrites the block in {@code benchmarks.md} from the zero-downtime report; nothing when the migration benchmark
     * has not written {@code benchmarks.md} yet.
     */
    static void refresh(Path benchmarks, Path zeroDowntimeReport) throws IOException {
        if (Files.exists(benchmarks)) {
            MarkedBlock.rewrite(benchmarks, BLOCK, content(zeroDowntimeReport));
        }
    }
}
