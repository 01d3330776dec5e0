package dev.slipway.migrate.schema;

/**
 * A sequence that is not an identity column's own.
 *
 * @param name its name
 * @param dataType {@code smallint}, {@code integer} or {@code bigint}
 * @param start the start value
 * @param increment the increment
 * @param minValue the minimum value
 * @param maxValue the maximum value
 * @param cache how many values are cached
 * @param cycle whether it wraps around
 * @param ownedBy the column that owns it ({@code serial} and {@code OWNED BY}), or null
 * @param comment its comment, or null
 */
public record Sequence(
        QualifiedName name,
        String dataType,
        long start,
        long increment,
        long minValue,
        long maxValue,
        long cache,
        boolean cycle,
        ColumnRef ownedBy,
        String comment) {}
