package dev.slipway.migrate.schema;

import java.util.List;

/**
 * A table constraint (a {@code NOT NULL} is a property of its {@link Column}, not a constraint here).
 *
 * @param name its name
 * @param kind primary key, unique, check, foreign key or exclusion
 * @param definition as {@code pg_get_constraintdef} prints it ({@code FOREIGN KEY (customer_id) REFERENCES
 *     public.customers(id) ON DELETE CASCADE}); for a constraint not validated it ends in {@code NOT VALID}
 * @param columns the constrained columns in key order (empty for a check on an expression)
 * @param references for a foreign key, the referenced table; null otherwise
 * @param validated whether it is validated ({@code convalidated})
 * @param deferrable whether it is {@code DEFERRABLE}
 * @param initiallyDeferred whether it is {@code INITIALLY DEFERRED}
 * @param inherited whether a partition has it from its parent (not declared on the partition itself)
 * @param comment its comment, or null
 */
public record Constraint(
        String name,
        Kind kind,
        String definition,
        List<String> columns,
        QualifiedName references,
        boolean validated,
        boolean deferrable,
        boolean initiallyDeferred,
        boolean inherited,
        String comment) {

    public Constraint {
        columns = List.copyOf(columns);
    }

    /** The kinds of table constraint ({@code pg_constraint.contype}). */
    public enum Kind {
        /** {@code p} */
        PRIMARY_KEY,
        /** {@code u} */
        UNIQUE,
        /** {@code c} */
        CHECK,
        /** {@code f} */
        FOREIGN_KEY,
        /** {@code x} */
        EXCLUSION
    }
}
