package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.Backfill;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table a backfill changes, as the catalog describes it: its qualified name, its primary key columns (in key
 * order) and the types of its columns. It writes the SQL of keyset pagination over the key.
 *
 * <p>Key values travel as text: the server formats them ({@code key::text}) and parses them back
 * ({@code CAST(? AS type)}), which round-trips every type a primary key can have.
 */
final class TargetTable {

    private final String schema;
    private final String name;
    private final String qualified;
    private final List<String> keys;
    private final Map<String, String> columnTypes;
    private final String keyList;
    private final String keyText;
    private final String keyTuple;
    private final String keyParams;

    private TargetTable(String schema, String name, List<String> keys, Map<String, String> columnTypes) {
        this.schema = schema;
        this.name = name;
        this.qualified = Identifiers.qualified(schema, name);
        this.keys = List.copyOf(keys);
        this.columnTypes = Map.copyOf(columnTypes);
        this.keyList = keys.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        // Aliased: a bare ORDER BY name would otherwise sort by the text output column, not the key.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            text.append(i == 0 ? "" : ", ")
                    .append(Identifiers.quote(keys.get(i)))
                    .append("::text AS slipway_key_")
                    .append(i + 1);
        }
        this.keyText = text.toString();
        this.keyTuple = keys.size() == 1 ? keyList : "(" + keyList + ")";
        String params =
                keys.stream().map(k -> "CAST(? AS " + columnTypes.get(k) + ")").collect(Collectors.joining(", "));
        this.keyParams = keys.size() == 1 ? params : "(" + params + ")";
    }

    /**
     * Looks the backfill's table up in the catalog.
     * @throws BackfillDefinitionException when there is no such table, or it has no primary key
     */
    static TargetTable resolve(Connection c, Backfill backfill) throws SQLException {
        String written = backfill.schema()
                .map(s -> Identifiers.qualified(s, backfill.table()))
                .orElseGet(() -> Identifiers.quote(backfill.table()));
        List<Object[]> found = Jdbc.query(
                c,
                "SELECT t.oid::bigint, n.nspname, t.relname FROM pg_class t"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.oid = to_regclass(?)"
                        + " AND t.relkind IN ('r', 'p')",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)},
                written);
        if (found.isEmpty()) {
            String searchPath = Jdbc.queryOne(c, "SELECT current_setting('search_path')", rs -> rs.getString(1))
                    .orElse("?");
            throw new BackfillDefinitionException("Backfill " + backfill.name() + ": table " + written
                    + " does not exist"
                    + (backfill.schema().isPresent() ? "" : " in the search path (" + searchPath + ")")
                    + ".\nCheck the table's name (it is taken exactly, case included), set its schema with"
                    + " schema(\"...\"), or require the migration that creates it with requires(\"<version>\").");
        }
        long oid = (Long) found.get(0)[0];
        String schema = (String) found.get(0)[1];
        String name = (String) found.get(0)[2];
        List<String> keys = Jdbc.query(
                c,
                "SELECT a.attname FROM pg_index i"
                        + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                        + " WHERE i.indrelid = ?::bigint::oid AND i.indisprimary ORDER BY k.ord",
                rs -> rs.getString(1),
                oid);
        if (keys.isEmpty()) {
            throw new BackfillDefinitionException("Backfill " + backfill.name() + ": table " + schema + "." + name
                    + " has no primary key, and a backfill walks a table in primary-key order to keep its place.\n"
                    + "Add a primary key to " + schema + "." + name + " (in an expand migration: build a unique index"
                    + " CONCURRENTLY, then ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY USING INDEX ...).");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Jdbc.query(
                c,
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = ?::bigint::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                rs -> types.put(rs.getString(1), rs.getString(2)),
                oid);
        return new TargetTable(schema, name, keys, types);
    }

    /** {@code schema.table}, for messages and the status. */
    String displayName() {
        return schema + "." + name;
    }

    String qualified() {
        return qualified;
    }

    List<String> keys() {
        return keys;
    }

    /** The column's SQL type, or null when the table has no such column. */
    String columnType(String column) {
        return columnTypes.get(column);
    }

    /**
     * The last key of the next batch and the number of rows up to it: the first {@code limit} keys after the
     * cursor (from the first key when there is no cursor). It reads the primary key index only, whatever
     * {@code where} says, so that every statement of a batch stays short however few rows match.
     * Parameters: the cursor's values (when there is one), then the limit.
     */
    String nextRangeSql(boolean fromCursor) {
        StringBuilder inner =
                new StringBuilder("SELECT ").append(keyList).append(" FROM ").append(qualified);
        String condition = condition(fromCursor, false, null);
        if (!condition.isEmpty()) {
            inner.append(" WHERE ").append(condition);
        }
        inner.append(" ORDER BY ").append(keyList).append(" LIMIT ?");
        return "SELECT " + keyText + ", count(*) OVER () FROM (" + inner + ") AS slipway_range ORDER BY " + descending()
                + " LIMIT 1";
    }

    /**
     * The key {@code skip} keys after the first one after the cursor (the last key of a full batch), read from the
     * primary key index without counting or sorting the keys before it. Parameters: the cursor's values (when
     * there is one), then {@code skip}.
     */
    String nthKeySql(boolean fromCursor) {
        StringBuilder inner =
                new StringBuilder("SELECT ").append(keyList).append(" FROM ").append(qualified);
        if (fromCursor) {
            inner.append(" WHERE ").append(condition(true, false, null));
        }
        inner.append(" ORDER BY ").append(keyList).append(" OFFSET ? LIMIT 1");
        return "SELECT " + keyText + " FROM (" + inner + ") AS slipway_key";
    }

    /** {@code SELECT EXISTS (SELECT 1 FROM table WHERE (where))}. */
    String anyMatchingSql(String where) {
        return "SELECT EXISTS (SELECT 1 FROM " + qualified + " WHERE (" + where + "))";
    }

    /**
     * The rows of the batch's range that match {@code where}: {@code (cursor, upper]}, or {@code (-inf, upper]}
     * when the cursor is null. Parameters: the cursor's values (when there is one), then the upper key's.
     */
    String rangeCondition(boolean fromCursor, String where) {
        return condition(fromCursor, true, where);
    }

    private String condition(boolean fromCursor, boolean upTo, String where) {
        StringBuilder sql = new StringBuilder();
        if (fromCursor) {
            sql.append(keyTuple).append(" > ").append(keyParams);
        }
        if (upTo) {
            if (sql.length() > 0) {
                sql.append(" AND ");
            }
            sql.append(keyTuple).append(" <= ").append(keyParams);
        }
        if (where != null) {
            if (sql.length() > 0) {
                sql.append(" AND ");
            }
            sql.append("(").append(where).append(")");
        }
        return sql.toString();
    }

    /** The key columns as text, then the given columns, of the rows meeting the condition, in key order. */
    String selectSql(List<String> columns, String condition) {
        StringBuilder sql = new StringBuilder("SELECT ").append(keyText);
        for (String column : columns) {
            sql.append(", ").append(Identifiers.quote(column));
        }
        return sql.append(" FROM ")
                .append(qualified)
                .append(" WHERE ")
                .append(condition)
                .append(" ORDER BY ")
                .append(keyList)
                .toString();
    }

    /** {@link #selectSql}, locking the rows: the read of a Java backfill's batch. */
    String selectForUpdateSql(List<String> columns, String condition) {
        return selectSql(columns, condition) + " FOR UPDATE";
    }

    /** {@code UPDATE ... SET c = CAST(? AS type), ... WHERE k = CAST(? AS type) AND ...}: one row of a Java batch. */
    String updateRowSql(List<String> columns) {
        String assignments = columns.stream()
                .map(c -> Identifiers.quote(c) + " = CAST(? AS " + columnTypes.get(c) + ")")
                .collect(Collectors.joining(", "));
        String match = keys.stream()
                .map(k -> Identifiers.quote(k) + " = CAST(? AS " + columnTypes.get(k) + ")")
                .collect(Collectors.joining(" AND "));
        return "UPDATE " + qualified + " SET " + assignments + " WHERE " + match;
    }

    /** {@code (id) = (42)}, {@code (tenant, id) = (7, 42)}: a key for messages. */
    String describeKey(List<String> values) {
        return "(" + String.join(", ", keys) + ") = (" + String.join(", ", values) + ")";
    }

    private String descending() {
        return keys.stream().map(k -> Identifiers.quote(k) + " DESC").collect(Collectors.joining(", "));
    }
}
