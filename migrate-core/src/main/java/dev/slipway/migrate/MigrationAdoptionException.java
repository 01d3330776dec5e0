package dev.slipway.migrate;

import java.util.List;
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
        super(describe(source, problems));
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
        return "Cannot take over the history in " + source + ": " + (problems.size() == 1 ? "1 problem"
                : problems.size() + " problems") + ". Nothing was imported and no migration ran.\n"
                + problems.stream().map(p -> "-> " + p.message()).collect(Collectors.joining("\n"));
    }
}
