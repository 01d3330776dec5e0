package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every case of the acceptance corpus ({@code src/test/resources/schema-diff/cases}, see {@link DiffCase}) on the
 * real PostgreSQL, after stripe's pg-schema-diff acceptance tests:
 *
 * <ol>
 *   <li>database A gets the case's {@code old} DDL, database B its {@code new} DDL (both reset to an empty
 *       {@code public} first: two databases for the whole corpus, since a new database per case costs a checkpoint
 *       to drop);</li>
 *   <li>the plan from A to B must carry exactly the expected hazards (the union of its steps' hazards);</li>
 *   <li>the plan applied to A must make {@code pg_dump --schema-only} of A equal that of B, and a second plan from
 *       A to B must be empty ({@link DiffCaseRoundTrip}).</li>
 * </ol>
 *
 * A failure prints the case, its notes, the plan step by step and the differences of the dumps. Each run also writes
 * {@code target/schema-diff-acceptance.txt}, one line per case with its outcome, for a summary of the corpus.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaDiffAcceptanceTest {

    private final Map<String, String> outcomes = new TreeMap<>();
    private DiffCaseDatabase from;
    private DiffCaseDatabase to;

    @BeforeAll
    void createDatabases(TestDatabase db) {
        from = DiffCaseDatabase.create(db, "from");
        to = DiffCaseDatabase.create(db, "to");
    }

    @AfterAll
    void dropDatabasesAndWriteSummary() throws IOException {
        try {
            if (from != null) {
                from.close();
            }
        } finally {
            if (to != null) {
                to.close();
            }
        }
        StringBuilder summary = new StringBuilder();
        outcomes.forEach(
                (id, outcome) -> summary.append(id).append(": ").append(outcome).append('\n'));
        Files.writeString(Path.of("target", "schema-diff-acceptance.txt"), summary, StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicContainer> everyCaseRoundTripsWithTheExpectedHazards() {
        return DiffCaseCorpus.groupFolders().stream()
                .map(group -> DynamicContainer.dynamicContainer(
                        group,
                        DiffCaseCorpus.group(group).stream()
                                .map(diffCase -> DynamicTest.dynamicTest(diffCase.name(), () -> check(diffCase)))));
    }

    private void check(DiffCase diffCase) {
        outcomes.put(diffCase.id(), "did not finish");
        from.reset();
        to.reset();
        from.apply(diffCase.oldSql(), diffCase.file() + " (-- old)");
        to.apply(diffCase.newSql(), diffCase.file() + " (-- new)");

        DiffCaseRoundTrip.Outcome outcome;
        try {
            outcome = DiffCaseRoundTrip.run(from, to);
        } catch (RuntimeException e) {
            outcomes.put(diffCase.id(), "FAILED: " + e);
            throw new AssertionError(header(diffCase) + "The round trip threw " + e, e);
        }
        List<String> problems = new ArrayList<>();
        Set<Hazard> hazards = outcome.hazards();
        if (!hazards.equals(diffCase.expectedHazards())) {
            Set<Hazard> missing = EnumSet.noneOf(Hazard.class);
            missing.addAll(diffCase.expectedHazards());
            missing.removeAll(hazards);
            Set<Hazard> extra = EnumSet.noneOf(Hazard.class);
            extra.addAll(hazards);
            extra.removeAll(diffCase.expectedHazards());
            problems.add("Hazards of the plan " + (hazards.isEmpty() ? "none" : hazards) + ", expected "
                    + (diffCase.expectedHazards().isEmpty() ? "none" : EnumSet.copyOf(diffCase.expectedHazards()))
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (extra.isEmpty() ? "" : "; not expected " + extra));
        }
        problems.addAll(outcome.problems());
        if (problems.isEmpty()) {
            outcomes.put(diffCase.id(), "ok");
            return;
        }
        outcomes.put(
                diffCase.id(), "FAILED: " + problems.get(0).lines().findFirst().orElse(""));
        assertThat(problems)
                .as(header(diffCase) + "The plan:\n" + DiffCaseRoundTrip.describe(outcome.plan())
                        + "\nWhat went wrong:\n" + String.join("\n\n", problems))
                .isEmpty();
    }

    private static String header(DiffCase diffCase) {
        StringBuilder header =
                new StringBuilder("\nCase ").append(diffCase.file()).append('\n');
        diffCase.notes().forEach(note -> header.append("  note: ").append(note).append('\n'));
        return header.toString();
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
