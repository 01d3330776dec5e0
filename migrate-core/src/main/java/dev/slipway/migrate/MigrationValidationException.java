package dev.slipway.migrate;

import java.util.List;
import java.util.stream.Collectors;

/** The migrations on disk and the history table disagree: modified, missing or failed migrations. */
public class MigrationValidationException extends SlipwayException {

    private final List<ValidationProblem> problems;

    public MigrationValidationException(List<ValidationProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<ValidationProblem> getProblems() {
        return problems;
    }

    private static String describe(List<ValidationProblem> problems) {
        String head = problems.size() == 1
                ? "Validation failed:\n"
                : "Validation failed with " + problems.size() + " problems:\n";
        return head + problems.stream().map(ValidationProblem::message).collect(Collectors.joining("\n\n"));
    }
}
