package dev.slipway.migrate.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.schema.Hazard;
import dev.slipway.migrate.schema.SchemaPlan;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 *       {@code public} first: a new database per case costs a checkpoint to drop); cases run on {@link #WORKERS}
 *       pairs of databases at once, each case's test waiting for its own result;</li>
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

    /** How many cases run at once, each on its own pair of databases ({@code -Dslipway.diff.workers=1} for one). */
    private static final int WORKERS = Integer.getInteger("slipway.diff.workers", 2);

    /**
     * Only the cases whose {@code group/name} contains one of these comma-separated texts ({@code
     * -Dslipway.diff.only=enums/015,indexes/}), to rerun a few while fixing them; all when unset.
     */
    private static final List<String> ONLY = Arrays.stream(
                    System.getProperty("slipway.diff.only", "").split(","))
            .map(String::strip)
            .filter(only -> !only.isEmpty())
            .toList();

    private final Map<String, String> outcomes = new ConcurrentSkipListMap<>();
    private final List<DiffCaseDatabase> databases = new CopyOnWriteArrayList<>();
    private final BlockingQueue<DiffCaseDatabase[]> pairs = new LinkedBlockingQueue<>();
    private ExecutorService workers;
    private long started;

    @BeforeAll
    void createDatabases(TestDatabase db) {
        for (int i = 0; i < WORKERS; i++) {
            DiffCaseDatabase from = DiffCaseDatabase.create(db, "from");
            databases.add(from);
            DiffCaseDatabase to = DiffCaseDatabase.create(db, "to");
            databases.add(to);
            pairs.add(new DiffCaseDatabase[] {from, to});
        }
        workers = Executors.newFixedThreadPool(WORKERS);
        started = System.nanoTime();
    }

    @AfterAll
    void dropDatabasesAndWriteSummary() throws IOException {
        if (workers != null) {
            workers.shutdownNow();
        }
        RuntimeException failure = null;
        for (DiffCaseDatabase database : databases) {
            try {
                database.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        long ok = outcomes.values().stream()
                .filter(outcome -> outcome.startsWith("ok"))
                .count();
        StringBuilder summary = new StringBuilder();
        summary.append(ok)
                .append(" of ")
                .append(outcomes.size())
                .append(" cases hold; ")
                .append(WORKERS)
                .append(" workers, ")
                .append(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started))
                .append(" s\n");
        outcomes.forEach(
                (id, outcome) -> summary.append(id).append(": ").append(outcome).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "schema-diff-acceptance.txt"), summary, StandardCharsets.UTF_8);
        if (failure != null) {
            throw failure;
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyCaseRoundTripsWithTheExpectedHazards() {
        Map<String, Future<Checked>> running = new LinkedHashMap<>();
        for (DiffCase diffCase : selected(DiffCaseCorpus.all())) {
            running.put(diffCase.id(), workers.submit(() -> onAPair(diffCase)));
        }
        return DiffCaseCorpus.groupFolders().stream()
                .map(group -> DynamicContainer.dynamicContainer(
                        group,
                        selected(DiffCaseCorpus.group(group)).stream()
                                .map(diffCase -> DynamicTest.dynamicTest(
                                        diffCase.name(), () -> verify(diffCase, running.get(diffCase.id()))))));
    }

    private static List<DiffCase> selected(List<DiffCase> cases) {
        return ONLY.isEmpty()
                ? cases
                : cases.stream()
                        .filter(diffCase -> ONLY.stream().anyMatch(diffCase.id()::contains))
                        .toList();
    }

    /** What a worker found for a case: the plan and the problems, or what it threw. */
    private record Checked(SchemaPlan plan, List<String> problems, Throwable thrown) {}

    private Checked onAPair(DiffCase diffCase) throws InterruptedException {
        DiffCaseDatabase[] pair = pairs.take();
        long start = System.nanoTime();
        try {
            Checked checked = check(diffCase, pair[0], pair[1]);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String result = checked.thrown() != null
                    ? "FAILED: "
                            + checked.thrown().toString().lines().findFirst().orElse("")
                    : checked.problems().isEmpty()
                            ? "ok"
                            : "FAILED: "
                                    + String.join(
                                            " | ",
                                            checked.problems().stream()
                                                    .map(problem -> problem.lines()
                                                            .findFirst()
                                                            .orElse(""))
                                                    .toList());
            outcomes.put(diffCase.id(), result + " (" + millis + " ms)");
            return checked;
        } finally {
            pairs.put(pair);
        }
    }

    private static Checked check(DiffCase diffCase, DiffCaseDatabase from, DiffCaseDatabase to) {
        DiffCaseRoundTrip.Outcome outcome;
        try {
            from.reset();
            to.reset();
            from.apply(diffCase.oldSql(), diffCase.file() + " (-- old)");
            to.apply(diffCase.newSql(), diffCase.file() + " (-- new)");
            outcome = DiffCaseRoundTrip.run(from, to);
        } catch (RuntimeException | AssertionError e) {
            return new Checked(null, List.of(), e);
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
        return new Checked(outcome.plan(), problems, null);
    }

    private static void verify(DiffCase diffCase, Future<Checked> running) throws Exception {
        Checked checked;
        try {
            checked = running.get();
        } catch (ExecutionException e) {
            throw new AssertionError(header(diffCase) + "The case could not run: " + e.getCause(), e.getCause());
        }
        if (checked.thrown() != null) {
            throw new AssertionError(header(diffCase) + "The round trip threw " + checked.thrown(), checked.thrown());
        }
        assertThat(checked.problems())
                .as(header(diffCase) + "The plan:\n" + DiffCaseRoundTrip.describe(checked.plan())
                        + "\nWhat went wrong:\n" + String.join("\n\n", checked.problems()))
                .isEmpty();
    }

    private static String header(DiffCase diffCase) {
        StringBuilder header =
                new StringBuilder("\nCase ").append(diffCase.file()).append('\n');
        diffCase.notes().forEach(note -> header.append("  note: ").append(note).append('\n'));
        return header.toString();
    }
}
