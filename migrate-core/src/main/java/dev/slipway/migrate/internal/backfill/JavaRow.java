package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.BackfillRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A row of a Java backfill's batch: its key (as text, for the update), the values read, the values set. */
final class JavaRow implements BackfillRow {

    private final TargetTable table;
    private final List<String> keyText;
    private final Map<String, Object> values;
    private final Map<String, Object> changes = new LinkedHashMap<>();

    JavaRow(TargetTable table, List<String> keyText, Map<String, Object> values) {
        this.table = table;
        this.keyText = keyText;
        this.values = values;
    }

    @Override
    public Object get(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("Column '" + column + "' of " + table.displayName() + " was not read:"
                    + " add it to select(...) of the backfill (read: " + String.join(", ", values.keySet()) + ")");
        }
        return values.get(column);
    }

    @Override
    public void set(String column, Object value) {
        if (table.columnType(column) == null) {
            throw new IllegalArgumentException("Table " + table.displayName() + " has no column '" + column
                    + "' (names are taken exactly, case included)");
        }
        if (table.keys().contains(column)) {
            throw new IllegalArgumentException("Column '" + column + "' is part of the primary key of "
                    + table.displayName() + "; a backfill must not change the key it walks");
        }
        changes.put(column, value);
    }

    List<String> keyText() {
        return keyText;
    }

    Map<String, Object> changes() {
        return changes;
    }
}
