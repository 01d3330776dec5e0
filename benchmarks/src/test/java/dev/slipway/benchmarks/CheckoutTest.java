package dev.slipway.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit and the uncommitted changes a benchmark reports, read from a real git repository made for each test. */
class CheckoutTest {

    @TempDir
    Path folder;

    private Path repository;

    @BeforeEach
    void commitAProject() throws Exception {
        repository = folder.resolve("project");
        Files.createDirectories(repository.resolve("docs"));
        Files.createDirectories(repository.resolve("src"));
        Files.writeString(repository.resolve("README.md"), "# Project\n");
        Files.writeString(repository.resolve("docs/benchmarks.md"), "# Benchmarks\n");
        Files.writeString(repository.resolve("src/Engine.java"), "class Engine {}\n");
        git("init", "-q");
        git("add", ".");
        git(
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.org",
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-q",
                "-m",
                "First");
    }

    @Test
    void namesTheCommitCheckedOutAndTheCheckoutsRoot() throws Exception {
        Checkout checkout =
                Checkout.containing(repository.resolve("docs/benchmarks.md")).orElseThrow();

        assertThat(checkout.commit())
                .isEqualTo(git("rev-parse", "--short", "HEAD").strip())
                .matches("[0-9a-f]{7,}");
        assertThat(checkout.root()).isEqualTo(repository.toRealPath());
        assertThat(checkout.readme()).isEqualTo(repository.toRealPath().resolve("README.md"));
        assertThat(checkout.uncommittedChanges()).isFalse();
        assertThat(checkout.describe()).isEqualTo(checkout.commit());
    }

    @Test
    void followsANewCommit() throws Exception {
        String first = Checkout.containing(repository.resolve("docs/benchmarks.md"))
                .orElseThrow()
                .commit();
        Files.writeString(repository.resolve("src/Engine.java"), "class Engine { int faster; }\n");
        git(
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.org",
                "-c",
                "commit.gpgsign=false",
                "commit",
                "-q",
                "-am",
                "Second");

        Checkout checkout =
                Checkout.containing(repository.resolve("docs/benchmarks.md")).orElseThrow();

        assertThat(checkout.commit())
                .isNotEqualTo(first)
                .isEqualTo(git("rev-parse", "--short", "HEAD").strip());
        assertThat(checkout.uncommittedChanges()).isFalse();
    }

    @Test
    void aChangedSourceFileIsAnUncommittedChange() throws Exception {
        Files.writeString(repository.resolve("src/Engine.java"), "class Engine { int changed; }\n");

        Checkout checkout =
                Checkout.containing(repository.resolve("docs/benchmarks.md")).orElseThrow();

        assertThat(checkout.uncommittedChanges()).isTrue();
        assertThat(checkout.describe()).isEqualTo(checkout.commit() + " + uncommitted changes");
    }

    @Test
    void aNewFileNotYetAddedIsAnUncommittedChange() throws Exception {
        Files.createDirectories(repository.resolve("src/internal"));
        Files.writeString(repository.resolve("src/internal/Helper.java"), "class Helper {}\n");

        assertThat(Checkout.containing(repository.resolve("docs/benchmarks.md"))
                        .orElseThrow()
                        .uncommittedChanges())
                .isTrue();
    }

    @Test
    void aStagedChangeIsAnUncommittedChange() throws Exception {
        Files.writeString(repository.resolve("src/Engine.java"), "class Engine { int staged; }\n");
        git("add", "src/Engine.java");

        assertThat(Checkout.containing(repository.resolve("docs/benchmarks.md"))
                        .orElseThrow()
                        .uncommittedChanges())
                .isTrue();
    }

    @Test
    void figuresWrittenByAnEarlierBenchmarkRunAreNoUncommittedChange() throws Exception {
        Files.writeString(repository.resolve("README.md"), "# Project\n\nnew figures\n");
        Files.writeString(repository.resolve("docs/benchmarks.md"), "# Benchmarks\n\nnew figures\n");
        Files.writeString(repository.resolve("docs/startup-benchmark.md"), "# Startup\n");

        assertThat(Checkout.containing(repository.resolve("docs/benchmarks.md"))
                        .orElseThrow()
                        .uncommittedChanges())
                .isFalse();
    }

    @Test
    void readsTheCheckoutOfAReportNotWrittenYet() throws Exception {
        Optional<Checkout> checkout = Checkout.containing(repository.resolve("docs/new/report.md"));

        assertThat(checkout).map(Checkout::root).contains(repository.toRealPath());
    }

    @Test
    void findsNoCheckoutForAReportOutsideOne() throws Exception {
        Path elsewhere = folder.resolve("elsewhere");
        Files.createDirectories(elsewhere);

        assertThat(Checkout.containing(elsewhere.resolve("report.md"))).isEmpty();
        assertThat(Checkout.containing(null)).isEmpty();
    }

    @Test
    void readsRenamesAndQuotedPathsOfGitStatus() {
        assertThat(Checkout.hasUncommittedChanges("")).isFalse();
        assertThat(Checkout.hasUncommittedChanges(" M README.md\n?? docs/new-benchmark.md\n"))
                .isFalse();
        assertThat(Checkout.hasUncommittedChanges("R  docs/old.md -> docs/new.md\n"))
                .isFalse();
        assertThat(Checkout.hasUncommittedChanges("R  docs/notes.md -> src/Notes.java\n"))
                .isTrue();
        assertThat(Checkout.hasUncommittedChanges("?? \"docs/with space.md\"\n"))
                .isFalse();
        assertThat(Checkout.hasUncommittedChanges(" M README.md\n M pom.xml\n")).isTrue();
    }

    @Test
    void aReadmeWithoutTheBlocksMarkersStopsARunBeforeItStarts() throws Exception {
        Path readme = repository.toRealPath().resolve("README.md");
        assertThatThrownBy(() -> ReadmeBlock.forRun(
                        repository.resolve("docs/benchmarks.md"), "migration", "the migration benchmark"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(readme + " has no marker <!-- slipway:benchmark migration begin -->.");
    }

    @Test
    void aReadmeWithTheBlocksMarkersIsFoundForTheRun() throws Exception {
        Files.writeString(repository.resolve("README.md"), "# Project\n\n" + MarkedBlock.wrapped("migration", "old\n"));

        Optional<ReadmeBlock> block =
                ReadmeBlock.forRun(repository.resolve("docs/benchmarks.md"), "migration", "the migration benchmark");

        assertThat(block)
                .map(ReadmeBlock::checkout)
                .map(Checkout::commit)
                .contains(git("rev-parse", "--short", "HEAD").strip());
        assertThat(block.orElseThrow()
                        .provenance(repository.resolve("docs/benchmarks.md"), "15.20 (Debian)", "0.50, 1, 2"))
                .startsWith("Written by the migration benchmark on commit `"
                        + block.get().checkout().commit() + "`, ")
                .contains(" cores, PostgreSQL 15.20, Java " + System.getProperty("java.version")
                        + ", load average 0.50 before the run.")
                .endsWith("Full report: [docs/benchmarks.md](docs/benchmarks.md).\n\n");
    }

    private String git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + output);
        }
        return output;
    }
}
