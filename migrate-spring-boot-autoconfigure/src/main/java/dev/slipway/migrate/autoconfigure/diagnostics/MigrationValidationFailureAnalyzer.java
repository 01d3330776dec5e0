package dev.slipway.migrate.autoconfigure.diagnostics;

import dev.slipway.migrate.MigrationValidationException;
import dev.slipway.migrate.ValidationProblem;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Analyzes a {@link MigrationValidationException}: each migration that was modified after it was applied, whose
 * file is missing, or that stopped part-way, with the facts side by side, and for each the fix.
 */
class MigrationValidationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationValidationException cause) {
        List<ValidationProblem> problems = cause.getProblems();
        String description = "The migration files and the history table disagree, so Slipway applied nothing ("
                + count(problems.size()) + "):\n\n"
                + problems.stream().map(ValidationProblem::description).collect(Collectors.joining("\n\n"));
        return new FailureAnalysis(description, SpringSettings.render(cause.getAction()), cause);
    }

    private static String count(int problems) {
        return (problems == 1) ? "1 problem" : problems + " problems";
    }
}
