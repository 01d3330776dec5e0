package dev.slipway.migrate.internal.dataloss;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.sql.Tokens;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The catalog lookups and counts of the data-loss checks. A table is resolved as the statement would resolve it,
 * through the session's {@code search_path} ({@code to_regclass}); every identifier in the SQL written here is
 * quoted; counts are exact ({@code count(*)}) and run on the migration connection, under its
 * {@code statement_timeout} and inside its transaction when it has one.
 */
final class LiveData {

    private LiveData() {}

    /**
     * A table (or other relation) found in the catalog.
     *
     * @param oid {@code pg_class.oid}
     * @param kind {@code pg_class.relkind}: {@code r} table, {@code p} partitioned table, {@code m} materialized view
     */
    record Table(long oid, String schema, String name, char kind) {

        /** {@code "schema"."name"}, for SQL. */
        String sql() {
            return Identifiers.qualified(schema, name);
        }

        /** {@code schema.name}, quoted only where needed, for messages. */
        String shown() {
            return LiveData.shown(schema) + "." + LiveData.shown(name);
        }

        boolean holdsRows() {
            return kind == 'r' || kind == 'p' || kind == 'm';
        }

        /** {@code [ONLY] "schema"."name"}: ONLY leaves out inheritance children; a partitioned table keeps its partitions. */
        String from(boolean only) {
            return (only && kind != 'p' ? "ONLY " : "") + sql();
        }
    }

    /** The relation a statement names, resolved with the session's search path; empty when there is none. */
    static Optional<Table> table(Connection c, Tokens.Name name) throws SQLException {
        String regclass = name.parts().stream().map(Identifiers::quote).collect(Collectors.joining("."));
        return Jdbc.queryOne(
                c,
                "SELECT c.oid::bigint, n.nspname, c.relname, c.relkind FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)",
                rs -> new Table(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4).charAt(0)),
                regclass);
    }

    /** The number ({@code attnum}) of the table's (not dropped) column of that stored name; empty when none. */
    static Optional<Integer> attnum(Connection c, Table table, String column) throws SQLException {
        return Jdbc.queryOne(
                c,
                "SELECT attnum FROM pg_attribute WHERE attrelid = ?::bigint::oid AND attname = ?"
                        + " AND attnum > 0 AND NOT attisdropped",
                rs -> rs.getInt(1),
                table.oid(),
                column);
    }

    /** Whether the table has a (not dropped) column of that stored name. */
    static boolean hasColumn(Connection c, Table table, String column) throws SQLException {
        return Jdbc.queryOne(
                        c,
                        "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ?"
                                + " AND attnum > 0 AND NOT attisdropped",
                        rs -> true,
                        table.sql(),
                        column)
                .isPresent();
    }

    /** Whether the schema holds a relation of that name (what {@code CREATE INDEX IF NOT EXISTS} looks for). */
    static boolean relationExists(Connection c, String schema, String name) throws SQLException {
        return Jdbc.queryOne(
                        c,
                        "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = ? AND c.relname = ?",
                        rs -> true,
                        schema,
                        name)
                .isPresent();
    }

    /** The rows of the table (and of its children unless {@code only}). */
    static long rows(Connection c, Table table, boolean only) throws SQLException {
        return count(c, "SELECT count(*) FROM " + table.from(only));
    }

    /** The rows whose column is NULL ({@code nulls}) or is not. */
    static long rowsWhere(Connection c, Table table, boolean only, String column, boolean nulls) throws SQLException {
        return count(
                c,
                "SELECT count(*) FROM " + table.from(only) + " WHERE " + Identifiers.quote(column)
                        + (nulls ? " IS NULL" : " IS NOT NULL"));
    }

    /**
     * The key values that occur more than once and the rows holding them, as a unique index would see them: only
     * the rows that match {@code predicate} (when there is one), and, unless {@code nullsNotDistinct}, only the
     * rows whose keys are all non-NULL.
     *
     * @param keys the keys as SQL: quoted columns or expressions as the migration writes them
     * @return {@code [values, rows]}
     */
    static long[] duplicates(Connection c, Table table, List<String> keys, boolean nullsNotDistinct, String predicate)
            throws SQLException {
        String grouped = keys.stream().map(key -> "(" + key + ")").collect(Collectors.joining(", "));
        StringBuilder where = new StringBuilder();
        if (predicate != null) {
            where.append("(").append(predicate).append("\n)");
        }
        if (!nullsNotDistinct) {
            for (String key : keys) {
                where.append(where.length() == 0 ? "" : " AND ")
                        .append("(")
                        .append(key)
                        .append(") IS NOT NULL");
            }
        }
        String sql = "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM "
                + table.from(table.kind() != 'p')
                + (where.length() == 0 ? "" : " WHERE " + where)
                + " GROUP BY " + grouped + " HAVING count(*) > 1) AS duplicated";
        return Jdbc.queryOne(c, sql, rs -> new long[] {rs.getLong(1), rs.getLong(2)})
                .orElseThrow();
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Jdbc.queryOne(c, sql, rs -> rs.getLong(1)).orElseThrow();
    }

    /** A stored name as SQL writes it: bare when it can be, else quoted. */
    static String shown(String name) {
        return dev.slipway.migrate.schema.Identifiers.quote(name);
    }
}
