package dev.slipway.migrate.schema;

/**
 * One object uses another ({@code pg_depend}, normal and automatic dependencies between modelled objects): a view
 * uses a column, a column's default uses a sequence or a function, a trigger uses a function, a foreign key uses
 * the referenced table's unique index.
 *
 * @param dependent the object that uses
 * @param referenced the object used
 */
public record Dependency(ObjectRef dependent, ObjectRef referenced) {}
