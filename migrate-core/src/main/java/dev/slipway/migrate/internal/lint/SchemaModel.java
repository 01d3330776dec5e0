package dev.slipway.migrate.internal.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the linter learns about the schema from the migrations it reads, in version order, without a database:
 * the type of each column, which columns a validated {@code CHECK (c IS NOT NULL)} covers, and the volatility of
 * the functions they create (before what {@link FunctionVolatility} says of the name). Tables are known by
 * the stored name of their last part, so {@code public.orders} and {@code orders} are one table.
 */
final class SchemaModel {

    private final Map<String, Map<String, ColumnType>> columns = new HashMap<>();
    private final Set<String> provenNotNull = new HashSet<>();
    private final Map<String, String> notValidNotNullChecks = new HashMap<>();
    private final Map<String, FunctionVolatility.Volatility> createdFunctions = new HashMap<>();
    private final FunctionVolatility functions;

    SchemaModel(FunctionVolatility functions) {
        this.functions = functions;
    }

    /** {@code CREATE [OR REPLACE] FUNCTION name ... [IMMUTABLE | STABLE | VOLATILE]}: the latest definition wins. */
    void function(String name, FunctionVolatility.Volatility volatility) {
        createdFunctions.put(name, volatility);
    }

    /** The volatility of a function of this name, or null when neither the migrations nor the lookup know it. */
    FunctionVolatility.Volatility volatility(String function) {
        FunctionVolatility.Volatility created = createdFunctions.get(function);
        return created != null ? created : functions.of(function);
    }

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
