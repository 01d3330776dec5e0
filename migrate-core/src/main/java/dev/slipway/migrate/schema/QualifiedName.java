package dev.slipway.migrate.schema;

import java.util.Objects;

/**
 * A schema-qualified object name, as stored in the catalog (not quoted, case preserved).
 *
 * @param schema the schema ({@code public})
 * @param name the object's name within it
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    public QualifiedName {
        Objects.requireNonNull(schema, "'schema' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
    }

    /** The name as SQL: each part quoted when it needs to be ({@code public.orders}, {@code "Sales"."Order"}). */
    public String toSql() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
