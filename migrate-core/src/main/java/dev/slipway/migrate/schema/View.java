package dev.slipway.migrate.schema;

import java.util.List;

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
 */
public record View(
        QualifiedName name,
        boolean materialized,
        String definition,
        List<String> columns,
        List<String> options,
        List<Index> indexes,
        String comment) {

    public View {
        columns = List.copyOf(columns);
        options = List.copyOf(options);
        indexes = List.copyOf(indexes);
    }
}
