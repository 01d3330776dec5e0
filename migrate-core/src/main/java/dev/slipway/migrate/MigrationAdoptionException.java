package dev.slipway.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Another tool's history (Flyway's {@code flyway_schema_history}, Prisma's {@code _prisma_migrations}) does not
 * match the migration files, so nothing was imported and nothing ran: every problem is listed at once, each with
 * what to do. The schema, the other tool's table and Slipway's history are left as they were.
 */
public class MigrationAdoptionException extends SlipwayException {

    private final String source;
    private final List<AdoptionProblem> problems;

    /**
     * @param source the other tool's history table, e.g. {@code public.flyway_schema_history}
     * @param problems every problem found, at least one
     */
    public MigrationAdoptionException(String source, List<AdoptionProblem> problems) {
        super(SlipwayError.ADOPTION_FAILED, describe(source, problems), advise(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The other tool's history table, e.g. {@code public.flyway_schema_history}. */
    public String getSource() {
        return source;
    }

    /** Every problem found. */
    public List<AdoptionProblem> getProblems() {
        return problems;
    }

    private static String describe(String source, List<AdoptionProblem> problems) {
        return "Cannot take over the history in " + source + ": "
                + (problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                + ". Nothing was imported and no migration ran.\n"
                + problems.stream()
                        .map(p -> "-> " + (p.migration() == null ? "" : p.migration() + ": ") + p.description())
                        .collect(Collectors.joining("\n"));
    }

    /**
     * Each problem's action once, after the migrations that share it, then the way around the import: a baseline
     * with importing turned off.
     */
    private static Action advise(String source, List<AdoptionProblem> problems) {
        Map<Action, List<String>> migrationsByAction = new LinkedHashMap<>();
        for (AdoptionProblem problem : problems) {
            List<String> migrations = migrationsByAction.computeIfAbsent(problem.action(), a -> new ArrayList<>());
            if (problem.migration() != null) {
                migrations.add(problem.migration());
            }
        }
        Action action = Action.none();
        for (Map.Entry<Action, List<String>> fix : migrationsByAction.entrySet()) {
            String migrations =
                    problems.size() > 1 && !fix.getValue().isEmpty() ? String.join(", ", fix.getValue()) + ": " : "";
            action = action.then(Action.text(migrations).append(fix.getKey().capitalized()));
        }
        return action.then(Action.text("Then start again: the import is all or nothing, and runs on the first start "
                        + "that finds no problem."))
                .then(Action.text("To take the schema over without importing " + source)
                        .append(Action.of(
                                ", set {} and {}: every migration up to it is recorded as BASELINE without running, "
                                        + "and ",
                                Setting.ADOPT_MODE.to("off"),
                                Setting.BASELINE_VERSION.to("<the newest migration it applied>")))
                        .append(Action.text(source + " is left as it is.")));
    }
}
