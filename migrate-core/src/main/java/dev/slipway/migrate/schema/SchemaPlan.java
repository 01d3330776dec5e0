package dev.slipway.migrate.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ordered statements that turn one {@link DatabaseSchema} into another: creates before uses, drops last, each
 * with its hazards, in the safe forms (indexes {@code CONCURRENTLY}, constraints {@code NOT VALID} then
 * {@code VALIDATE}, {@code SET NOT NULL} through a validated {@code CHECK}).
 *
 * @param steps the statements in order
 * @param unsupported objects that differ between the two schemas but are of a kind the plan does not handle; a
 *     plan with any is incomplete and says so
 */
public record SchemaPlan(List<PlanStep> steps, List<UnsupportedObject> unsupported) {

    public SchemaPlan {
        steps = List.copyOf(steps);
        unsupported = List.copyOf(unsupported);
    }

    /** Whether the two schemas are the same (as far as the model sees: see {@link #unsupported()}). */
    public boolean isEmpty() {
        return steps.isEmpty() && unsupported.isEmpty();
    }

    /** The statements as one SQL script, each ended by a semicolon and a blank line. */
    public String script() {
        return steps.stream().map(step -> step.sql() + ";\n").collect(Collectors.joining("\n"));
    }
}
