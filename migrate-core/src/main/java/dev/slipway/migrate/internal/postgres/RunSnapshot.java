package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the database holds before a run, read from the catalog once, before the run's first migration: every
 * relation (table, partitioned table, view, materialized view, foreign table, index) of every schema but
 * {@code pg_catalog}, {@code information_schema} and the TOAST schemas, known by its oid, with the columns of the
 * tables. What a run creates is then told apart exactly:
 * <ul>
 *   <li>a relation whose oid is not in the snapshot was created by the run (a table dropped and created again
 *       has a new oid; a renamed one keeps its oid);</li>
 *   <li>a column of a table from before the run whose {@code attnum} is above the table's {@code relnatts} at the
 *       snapshot was added by the run: PostgreSQL numbers a new column {@code relnatts + 1} and never reuses the
 *       number of a dropped one.</li>
 * </ul>
 */
public final class RunSnapshot {

    private static final String SCHEMAS =
            "n.nspname NOT IN ('pg_catalog', 'information_schema')" + " AND n.nspname NOT LIKE 'pg\\_toast%'";

    /**
     * A relation as it was before the run.
     *
     * @param kind {@code pg_class.relkind}
     * @param columns {@code pg_class.relnatts}: the highest column number used so far
     */
    public record Relation(long oid, String schema, String name, char kind, int columns) {

        public boolean isTable() {
            return kind == 'r' || kind == 'p' || kind == 'f';
        }
    }

    /**
     * A column of a table as it was before the run.
     *
     * @param type the type as {@code format_type} writes it: {@code character varying(50)}, {@code integer[]}
     */
    public record Column(long table, String name, String type, boolean notNull) {}

    private final Map<Long, Relation> relations;
    private final List<Column> columns;
    private final List<String> searchPath;

    private RunSnapshot(Map<Long, Relation> relations, List<Column> columns, List<String> searchPath) {
        this.relations = relations;
        this.columns = columns;
        this.searchPath = searchPath;
    }

    /**
     * Reads the catalog.
     *
     * @param firstSchema the schema the migrations run in, first on their search path (see
     *     {@link SessionSettings#prepare}), or null to take the session's search path as it is
     */
    public static RunSnapshot read(Connection c, String firstSchema) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        for (Relation relation : Jdbc.query(
                c,
                "SELECT c.oid::bigint, n.nspname, c.relname, c.relkind, c.relnatts"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'i', 'I') AND " + SCHEMAS,
                rs -> new Relation(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4).charAt(0),
                        rs.getInt(5)))) {
            relations.put(relation.oid(), relation);
        }
        List<Column> columns = Jdbc.query(
                c,
                "SELECT a.attrelid::bigint, a.attname,"
                        + " format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_attribute a"
                        + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND " + SCHEMAS
                        + " ORDER BY a.attrelid, a.attnum",
                rs -> new Column(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)));
        List<String> path = new ArrayList<>();
        if (firstSchema != null) {
            path.add(firstSchema);
        }
        for (String schema : Jdbc.queryOne(c, "SELECT current_schemas(false)", rs -> schemas(rs.getArray(1)))
                .orElse(List.of())) {
            if (!path.contains(schema)) {
                path.add(schema);
            }
        }
        return new RunSnapshot(relations, columns, List.copyOf(path));
    }

    private static List<String> schemas(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** Whether the relation with this oid existed before the run. */
    public boolean existed(long oid) {
        return relations.containsKey(oid);
    }

    /** Whether the column numbered {@code attnum} of the relation with this oid existed before the run. */
    public boolean columnExisted(long oid, int attnum) {
        Relation relation = relations.get(oid);
        return relation != null && attnum <= relation.columns();
    }

    public Collection<Relation> relations() {
        return relations.values();
    }

    public Relation relation(long oid) {
        return relations.get(oid);
    }

    /** The columns of the tables, in column order. */
    public List<Column> columns() {
        return columns;
    }

    /** The schemas an unqualified name is looked up in, in order, as the migrations will see them. */
    public List<String> searchPath() {
        return searchPath;
    }
}
