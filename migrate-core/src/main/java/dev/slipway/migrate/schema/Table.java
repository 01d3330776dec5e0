package dev.slipway.migrate.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table: ordinary, partitioned, or a partition of a partitioned table.
 *
 * @param name its name
 * @param columns its columns in {@code attnum} order (dropped columns left out)
 * @param constraints its constraints, sorted by name (those inherited by a partition included, marked)
 * @param indexes its indexes, sorted by name, including those that back a primary key, unique or exclusion
 *     constraint (marked)
 * @param triggers its triggers, sorted by name (internal ones, e.g. of foreign keys, left out)
 * @param partitionKey for a partitioned table, its key as {@code pg_get_partkeydef} prints it ({@code RANGE
 *     (created_at)}); null otherwise
 * @param partitionOf for a partition, its parent; null otherwise
 * @param partitionBound for a partition, its bound as {@code pg_get_expr(relpartbound)} prints it ({@code FOR
 *     VALUES FROM ('2024-01-01') TO ('2024-02-01')}, {@code DEFAULT}); null otherwise
 * @param unlogged whether it is {@code UNLOGGED}
 * @param rowLevelSecurity whether row level security is enabled (the policies themselves are not modelled)
 * @param comment its comment, or null
 */
public record Table(
        QualifiedName name,
        List<Column> columns,
        List<Constraint> constraints,
        List<Index> indexes,
        List<Trigger> triggers,
        String partitionKey,
        QualifiedName partitionOf,
        String partitionBound,
        boolean unlogged,
        boolean rowLevelSecurity,
        String comment) {

    public Table {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        triggers = List.copyOf(triggers);
    }

    /** The column of that name, if the table has one. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** Whether this is a partitioned table (it has a partition key). */
    public boolean partitioned() {
        return partitionKey != null;
    }
}
