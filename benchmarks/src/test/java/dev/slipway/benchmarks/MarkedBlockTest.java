package dev.slipway.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkedBlockTest {

    /** Bytes a careless rewrite would change: CRLF, trailing spaces, non-ASCII, no line break at the very end. */
    private static final String BEFORE =
            "# Title\r\n\r\nText with trailing spaces   \n" + "Ümlaut, ≤ 0.6, tab\there\n\n";

    private static final String OTHER_BLOCK =
            "<!-- slipway:benchmark startup begin -->\nstartup figures\n" + "<!-- slipway:benchmark startup end -->\n";
    private static final String AFTER = "\nMore text\r\n\n" + OTHER_BLOCK + "last line, no break";

    private static final String DOCUMENT = BEFORE + "<!-- slipway:benchmark migration begin -->\nold figures\n"
            + "| a | b |\n<!-- slipway:benchmark migration end -->" + AFTER;

    @Test
    void replacesWhatLiesBetweenTheMarkersAndKeepsTheRestByteForByte() {
        String replaced = MarkedBlock.replace(DOCUMENT, "migration", "new figures\n| c | d |\n", "README.md");

        assertThat(replaced)
                .isEqualTo(BEFORE + "<!-- slipway:benchmark migration begin -->\nnew figures\n| c | d |\n"
                        + "<!-- slipway:benchmark migration end -->" + AFTER);
    }

    @Test
    void leavesAnotherBenchmarksBlockAlone() {
        String replaced = MarkedBlock.replace(DOCUMENT, "migration", "new\n", "README.md");

        assertThat(replaced).contains(OTHER_BLOCK);
        assertThat(MarkedBlock.replace(replaced, "startup", "startup now\n", "README.md"))
                .contains("<!-- slipway:benchmark migration begin -->\nnew\n<!-- slipway:benchmark migration end -->")
                .contains(
                        "<!-- slipway:benchmark startup begin -->\nstartup now\n<!-- slipway:benchmark startup end -->");
    }

    @Test
    void endsTheContentWithALineBreakSoTheEndMarkerStaysOnItsOwnLine() {
        String replaced = MarkedBlock.replace(DOCUMENT, "migration", "no break at the end", "README.md");

        assertThat(replaced).contains("begin -->\nno break at the end\n<!-- slipway:benchmark migration end -->");
    }

    @Test
    void writingTheSameContentTwiceGivesTheSameText() {
        String once = MarkedBlock.replace(DOCUMENT, "migration", "figures\n", "README.md");

        assertThat(MarkedBlock.replace(once, "migration", "figures\n", "README.md"))
                .isEqualTo(once);
    }

    @Test
    void rewritesTheBlockOfAFile(@TempDir Path folder) throws Exception {
        Path readme = folder.resolve("README.md");
        Files.writeString(readme, DOCUMENT, StandardCharsets.UTF_8);

        MarkedBlock.rewrite(readme, "migration", "written\n");

        assertThat(Files.readString(readme, StandardCharsets.UTF_8))
                .isEqualTo(BEFORE
                        + "<!-- slipway:benchmark migration begin -->\nwritten\n<!-- slipway:benchmark migration end -->"
                        + AFTER);
    }

    @Test
    void wrapsContentInTheMarkersOfItsName() {
        assertThat(MarkedBlock.wrapped("zero-downtime", "figures"))
                .isEqualTo(
                        "<!-- slipway:benchmark zero-downtime begin -->\nfigures\n<!-- slipway:benchmark zero-downtime end -->\n");
    }

    @Test
    void refusesATextWithoutTheBeginMarkerNamingTheFileAndTheMarker() {
        String text = "intro\n<!-- slipway:benchmark migration end -->\n";

        assertThatThrownBy(() -> MarkedBlock.replace(text, "migration", "x", "/repo/README.md"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("/repo/README.md has no marker <!-- slipway:benchmark migration begin -->.")
                .hasMessageContaining("put both lines where they go");
    }

    @Test
    void refusesATextWithoutTheEndMarkerNamingTheFileAndTheMarker() {
        String text = "intro\n<!-- slipway:benchmark startup begin -->\nfigures\n";

        assertThatThrownBy(() -> MarkedBlock.replace(text, "startup", "x", "/repo/README.md"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("/repo/README.md has no marker <!-- slipway:benchmark startup end -->.");
    }

    @Test
    void refusesAnotherBenchmarksMarkersAsItsOwn() {
        assertThatThrownBy(() -> MarkedBlock.replace(DOCUMENT, "backfill", "x", "README.md"))
                .hasMessageStartingWith("README.md has no marker <!-- slipway:benchmark backfill begin -->.");
    }

    @Test
    void refusesAnEndMarkerBeforeTheBeginMarker() {
        String text = "<!-- slipway:benchmark migration end -->\nx\n<!-- slipway:benchmark migration begin -->\n";

        assertThatThrownBy(() -> MarkedBlock.replace(text, "migration", "x", "README.md"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("README.md has the marker <!-- slipway:benchmark migration end --> before "
                        + "<!-- slipway:benchmark migration begin -->");
    }

    @Test
    void refusesAMarkerThatAppearsTwice() {
        String text = DOCUMENT + "\n<!-- slipway:benchmark migration begin -->\n";

        assertThatThrownBy(() -> MarkedBlock.replace(text, "migration", "x", "README.md"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "README.md has the marker <!-- slipway:benchmark migration begin --> more than once.");
    }

    @Test
    void leavesAFileWithoutTheMarkersUntouched(@TempDir Path folder) throws Exception {
        Path readme = folder.resolve("README.md");
        Files.writeString(readme, "no markers here\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MarkedBlock.rewrite(readme, "migration", "x"))
                .hasMessageStartingWith(readme + " has no marker <!-- slipway:benchmark migration begin -->.");
        assertThat(Files.readString(readme, StandardCharsets.UTF_8)).isEqualTo("no markers here\n");
    }
}
