package dev.slipway.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkSummaryTest {

    private static final String REPORT = "# Schema diff benchmark\n\nIntro | with a bar\n\n"
            + "## Side by side\n\nText before.\n\n| | median |\n|---|---:|\n| Slipway | 1 ms |\n\n"
            + "Goal line.\n\n| second table | x |\n\n## Machine and versions\n\n- Run: 2026-12-03 14:15 UTC\n"
            + "| not | this |\n";

    @TempDir
    Path folder;

    @Test
    void copiesTheFirstTableOfItsSectionAndWhenTheReportRan() throws Exception {
        Files.writeString(folder.resolve("schema-diff-benchmark.md"), REPORT, StandardCharsets.UTF_8);

        String block = BenchmarkSummary.SCHEMA_DIFF.wrappedBlock(folder);

        assertThat(block)
                .isEqualTo("<!-- slipway:benchmark schema-diff begin -->\n"
                        + "Figures of the run of record (2026-12-03 14:15 UTC), from"
                        + " [schema-diff-benchmark.md](schema-diff-benchmark.md):\n\n"
                        + "| | median |\n|---|---:|\n| Slipway | 1 ms |\n"
                        + "<!-- slipway:benchmark schema-diff end -->\n");
    }

    @Test
    void saysWhenTheBenchmarkHasNotBeenRun() throws Exception {
        assertThat(BenchmarkSummary.ZERO_DOWNTIME.wrappedBlock(folder))
                .contains("The zero-downtime benchmark has not been run on this checkout.\n");
    }

    @Test
    void refreshesItsOwnBlockOnlyAndLeavesTheOtherBenchmarksBlock() throws Exception {
        Path report = folder.resolve("schema-diff-benchmark.md");
        Files.writeString(report, REPORT, StandardCharsets.UTF_8);
        Path benchmarks = folder.resolve("benchmarks.md");
        String zeroDowntime = MarkedBlock.wrapped("zero-downtime", "| zero | downtime |\n");
        Files.writeString(
                benchmarks,
                "# Benchmarks\n\n" + zeroDowntime + "\n" + MarkedBlock.wrapped("schema-diff", "old\n"),
                StandardCharsets.UTF_8);

        BenchmarkSummary.SCHEMA_DIFF.refresh(benchmarks, report);

        String text = Files.readString(benchmarks, StandardCharsets.UTF_8);
        assertThat(text).contains(zeroDowntime).contains("| Slipway | 1 ms |").doesNotContain("old");
    }

    @Test
    void leavesAMissingBenchmarksFileMissing() throws Exception {
        Path benchmarks = folder.resolve("benchmarks.md");

        BenchmarkSummary.SCHEMA_DIFF.refresh(benchmarks, folder.resolve("schema-diff-benchmark.md"));

        assertThat(benchmarks).doesNotExist();
    }
}
