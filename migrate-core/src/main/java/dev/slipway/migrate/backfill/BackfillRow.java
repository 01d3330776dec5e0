package dev.slipway.migrate.backfill;

/**
 * One row handed to a {@link RowProcessor}: the values of its primary key and of the selected columns, as the
 * PostgreSQL JDBC driver returns them, and the new values to write.
 */
public interface BackfillRow {

    /**
     * The value of a key or selected column, as {@link java.sql.ResultSet#getObject(String)} returns it.
     * @param column the column's name, as given to {@link Backfill.Builder#select}
     * @return the value, {@code null} for SQL {@code NULL}
     * @throws IllegalArgumentException when the column was not selected
     */
    Object get(String column);

    /**
     * The value of a key or selected column as a string ({@code null} for SQL {@code NULL}).
     * @param column the column's name
     * @return the value's text
     */
    default String getString(String column) {
        Object value = get(column);
        return value == null ? null : value.toString();
    }

    /**
     * Sets the new value of a column of the backfilled table; it is cast to the column's type when written.
     * @param column the column's name (an existing column, not one of the primary key)
     * @param value the new value, {@code null} for SQL {@code NULL}
     */
    void set(String column, Object value);
}
