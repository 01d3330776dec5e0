package dev.slipway.migrate;

import java.util.List;
import java.util.stream.Collectors;

/** The migrations on disk and the history table disagree: modified, missing or failed migrations. */
public class MigrationValidationException extends SlipwayException {

    private final List<ValidationProblem> problems;

    public MigrationValidationException(List<ValidationProblem> problems) {
        super(SlipwayError.VALIDATION_FAILED, describe(problems), advise(problems));
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
        return head + problems.stream().map(ValidationProblem::description).collect(Collectors.joining("\n\n"));
    }

    /** Each problem's action, after its migration when there are several. */
    private static Action advise(List<ValidationProblem> problems) {
        Action action = Action.none();
        for (ValidationProblem problem : problems) {
            action = action.then(
                    problems.size() == 1
                            ? problem.action()
                            : Action.text(problem.migration().id() + ": ").append(problem.action()));
        }
        return action;
    }
}
