package dev.slipway.migrate.schema;

import java.util.List;

/**
 * An enum type.
 *
 * @param name its name
 * @param labels its labels in sort order ({@code enumsortorder})
 * @param comment its comment, or null
 */
public record EnumType(QualifiedName name, List<String> labels, String comment) {

    public EnumType {
        labels = List.copyOf(labels);
    }
}
