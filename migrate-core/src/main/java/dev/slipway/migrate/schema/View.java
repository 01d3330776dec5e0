package dev.slipway.migrate.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A view or a materialized view.
 *
 * @param name its name
 * @param materialized whether it is a materialized view
 * @param definition its query as {@code pg_get_viewdef} prints it
 * @param columns its column names in order
 * @param options its {@code reloptions} ({@code security_barrier=true}, {@code check_option=local}), sorted
 * @param indexes for a materialized view, its indexes; empty for a view
 * @param comment its comment, or null
 * @param columnComments the comments of its columns, by column name (only columns that have one)
 */
public record View(
        QualifiedName name,
        boolean materialized,
        String definition,
        List<String> columns,
        List<String> options,
        List<Index> indexes,
        String comment,
        Map<String, String> columnComments) {

    /** A view whose columns have no comments. */
    public View(
            QualifiedName name,
            boolean materialized,
            String definition,
            List<String> columns,
            List<String> options,
            List<Index> indexes,
            String comment) {
        this(name, materialized, definition, columns, options, indexes, comment, Map.of());
    }

    public View {
        columnComments = Collections.unmodifiableMap(new TreeMap<>(columnComments));
        columns = List.copyOf(columns);
        options = List.copyOf(options);
        indexes = List.copyOf(indexes);
    }
}
