package dev.slipway.migrate.schema;

/**
 * A column of a table, by name.
 *
 * @param table the table
 * @param column the column's name
 */
public record ColumnRef(QualifiedName table, String column) {

    @Override
    public String toString() {
        return table + "." + column;
    }
}
