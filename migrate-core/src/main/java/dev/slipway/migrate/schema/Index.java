package dev.slipway.migrate.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An index of a table or materialized view.
 *
 * @param name its name
 * @param definition as {@code pg_get_indexdef} prints it ({@code CREATE UNIQUE INDEX orders_ref ON public.orders
 *     USING btree (lower(ref)) INCLUDE (total) WHERE (deleted_at IS NULL)})
 * @param columns the key columns by name, in order; an expression key as null
 * @param unique whether it is unique
 * @param constraint the constraint it backs (primary key, unique, exclusion), or null for a plain index
 * @param predicate the {@code WHERE} of a partial index as {@code pg_get_expr} prints it, or null
 * @param valid whether it is valid ({@code indisvalid}); an interrupted {@code CREATE INDEX CONCURRENTLY} leaves one
 *     invalid
 * @param parentIndex for an index of a partition attached to an index of the partitioned table, that index;
 *     null otherwise
 * @param comment its comment, or null
 */
public record Index(
        String name,
        String definition,
        List<String> columns,
        boolean unique,
        String constraint,
        String predicate,
        boolean valid,
        QualifiedName parentIndex,
        String comment) {

    public Index {
        columns = columns == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(columns));
    }
}
