package dev.slipway.migrate.internal.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the linter learns about the schema from the migrations it reads, in version order, without a database:
 * the type of each column and which columns a validated {@code CHECK (c IS NOT NULL)} covers. Tables are known by
 * the stored name of their last part, so {@code public.orders} and {@code orders} are one table.
 */
final class SchemaModel {

    private final Map<String, Map<String, ColumnType>> columns = new HashMap<>();
    private final Set<String> provenNotNull = new HashSet<>();
    private final Map<String, String> notValidNotNullChecks = new HashMap<>();

    void column(String table, String column, ColumnType type) {
        columns.computeIfAbsent(table, t -> new HashMap<>()).put(column, type);
    }

    Optional<ColumnType> type(String table, String column) {
        return Optional.ofNullable(columns.getOrDefault(table, Map.of()).get(column));
    }

    void dropTable(String table) {
        columns.remove(table);
    }

    void dropColumn(String table, String column) {
        columns.getOrDefault(table, new HashMap<>()).remove(column);
        provenNotNull.remove(key(table, column));
    }

    void renameTable(String from, String to) {
        Map<String, ColumnType> moved = columns.remove(from);
        if (moved != null) {
            columns.put(to, moved);
        }
    }

    void renameColumn(String table, String from, String to) {
        Map<String, ColumnType> table0 = columns.get(table);
        if (table0 != null && table0.containsKey(from)) {
            table0.put(to, table0.remove(from));
        }
    }

    /** A {@code CHECK (column IS NOT NULL)}, validated at once or {@code NOT VALID}. */
    void notNullCheck(String table, String constraint, String column, boolean validated) {
        if (validated) {
            provenNotNull.add(key(table, column));
        } else if (constraint != null) {
            notValidNotNullChecks.put(key(table, constraint), column);
        }
    }

    /** {@code VALIDATE CONSTRAINT}: a {@code NOT VALID} not-null check of the table now proves its column. */
    void validated(String table, String constraint) {
        String column = notValidNotNullChecks.remove(key(table, constraint));
        if (column != null) {
            provenNotNull.add(key(table, column));
        }
    }

    /** Whether a validated check proves the column has no NULLs, so {@code SET NOT NULL} skips its scan. */
    boolean provenNotNull(String table, String column) {
        return provenNotNull.contains(key(table, column));
    }

    private static String key(String table, String name) {
        return table + '\0' + name;
    }
}
