package dev.slipway.migrate;

import java.util.List;

/**
 * The outcome of {@link Slipway#validate()}.
 *
 * @param problems every problem found; empty when valid
 */
public record ValidationResult(List<ValidationProblem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    /** Whether no problem was found. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /** Throws {@link MigrationValidationException} listing every problem, unless valid. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new MigrationValidationException(problems);
        }
    }
}
