package dev.slipway.migrate.schema;

/**
 * Names one object of a {@link DatabaseSchema} in a {@link Dependency}.
 *
 * @param kind what kind of object
 * @param name its qualified name; for a constraint, index or trigger, that of its table
 * @param member the column, constraint, index or trigger within the table, or a routine's identity arguments;
 *     null for a whole object
 */
public record ObjectRef(Kind kind, QualifiedName name, String member) {

    /** Kinds of object a dependency can name. */
    public enum Kind {
        SCHEMA,
        EXTENSION,
        TYPE,
        SEQUENCE,
        TABLE,
        COLUMN,
        CONSTRAINT,
        INDEX,
        TRIGGER,
        VIEW,
        MATERIALIZED_VIEW,
        ROUTINE
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + name
                + (member == null ? "" : (kind == Kind.ROUTINE ? "(" + member + ")" : "." + member));
    }
}
