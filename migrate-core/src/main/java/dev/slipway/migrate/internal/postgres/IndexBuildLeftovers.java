package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code CREATE INDEX CONCURRENTLY} without an index name may have left on its table when it was interrupted:
 * the table's INVALID indexes, and its valid ones with the statement's definition.
 *
 * <ol>
 *   <li>The statement's definition is found by PostgreSQL itself: in a transaction that is rolled back, the same
 *       index is created on an empty temporary copy of the table's columns ({@code CREATE TEMP TABLE ... (LIKE
 *       table)}, which takes only an {@code ACCESS SHARE} lock on the table), and {@code pg_get_indexdef} of it is
 *       compared with that of each index of the table, without the index's and the table's names. Expressions,
 *       operator classes, {@code INCLUDE}, {@code WHERE} and uniqueness all take part.</li>
 *   <li>When the statement cannot be read that way (an unusual form, no right to create temporary tables), no index
 *       is said to match ({@link #probed()} is false), so nothing is ever dropped on a guess.</li>
 * </ol>
 *
 * @param table the table, schema-qualified and quoted
 * @param tableName the table's name alone, as stored
 * @param indexes the table's INVALID indexes, and its valid ones that match the statement
 * @param probed whether the statement's definition could be compared at all
 */
public record IndexBuildLeftovers(String table, String tableName, List<Index> indexes, boolean probed) {

    /**
     * One index of the table.
     *
     * @param schema its schema
     * @param name its name
     * @param valid whether it is valid
     * @param matchesStatement whether its definition is the statement's
     * @param definition {@code pg_get_indexdef}
     */
    public record Index(String schema, String name, boolean valid, boolean matchesStatement, String definition) {

        /** {@code "schema"."name"}. */
        public String qualified() {
            return Identifiers.qualified(schema, name);
        }

        /** The statement that drops it without blocking the table. */
        public String dropSql() {
            return "DROP INDEX CONCURRENTLY IF EXISTS " + qualified() + ";";
        }

        /**
         * Whether its name is one PostgreSQL chooses for an index without a name: {@code <table>_<columns>_idx},
         * with a number after it when that name was taken.
         */
        public boolean hasDefaultNameFor(String tableName) {
            return name.startsWith(tableName + "_") && name.matches(".*_idx[0-9]*");
        }
    }

    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern UNNAMED_BUILD = Pattern.compile("(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+"
            + "CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?ON\\s+(ONLY\\s+)?" + NAME + "(?:\\s*\\.\\s*" + NAME
            + "){0,2}"
            + "(\\s*(?:USING\\b|\\().*)$");
    private static final String PROBE = "pg_temp.slipway_index_probe";

    /**
     * Reads the leftovers of {@code sql}, a {@code CREATE [UNIQUE] INDEX CONCURRENTLY ON table ...} without a name
     * ({@code sql} without leading comments), on a connection in autocommit mode (on one in a transaction the
     * definitions are not compared: the comparison rolls back what it creates). Empty when the table does not exist.
     *
     * @param table the table as written in the statement
     * @param schema the schema that the migration session puts first on its search path, where an unqualified
     *     {@code table} is looked for first (a session that reads without that search path finds the same table), or
     *     null
     */
    public static Optional<IndexBuildLeftovers> of(Connection c, String schema, String table, String sql)
            throws SQLException {
        String inSchema = schema == null || table.contains(".") ? table : Identifiers.quote(schema) + "." + table;
        Optional<String[]> found = Jdbc.queryOne(
                c,
                "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname), t.relname FROM pg_class t"
                        + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                        + " WHERE t.oid = coalesce(to_regclass(?), to_regclass(?))",
                rs -> new String[] {rs.getString(1), rs.getString(2)},
                inSchema,
                table);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> qualified = Optional.of(found.get()[0]);
        Optional<String> shape = statementShape(c, qualified.get(), sql);
        List<Index> indexes = Jdbc.query(
                c,
                "SELECT n.nspname, ic.relname, i.indisvalid, i.indisunique, pg_get_indexdef(i.indexrelid)"
                        + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
                        + " WHERE i.indrelid = ?::regclass ORDER BY ic.relname",
                rs -> {
                    String definition = rs.getString(5);
                    boolean matches = shape.isPresent() && shape.get().equals(shape(rs.getBoolean(4), definition));
                    return new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3), matches, definition);
                },
                qualified.get());
        return Optional.of(new IndexBuildLeftovers(
                qualified.get(),
                found.get()[1],
                indexes.stream()
                        .filter(index -> !index.valid() || index.matchesStatement())
                        .toList(),
                shape.isPresent()));
    }

    /** The only INVALID index with the statement's definition, when there is exactly one. */
    public Optional<Index> onlyInvalidMatch() {
        List<Index> matches = indexes.stream()
                .filter(index -> !index.valid() && index.matchesStatement())
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** Whether the table has no index at all with the statement's definition, valid or not: the build left none. */
    public boolean noneMatches() {
        return probed && indexes.stream().noneMatch(Index::matchesStatement);
    }

    /** The definition the statement gives, found on an empty temporary copy of the table; empty when unreadable. */
    private static Optional<String> statementShape(Connection c, String table, String sql) throws SQLException {
        Matcher build = UNNAMED_BUILD.matcher(sql);
        if (!build.matches() || !c.getAutoCommit()) {
            return Optional.empty();
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute("CREATE TEMP TABLE slipway_index_probe (LIKE " + table + ") ON COMMIT DROP");
            s.execute("CREATE " + (build.group(1) == null ? "" : "UNIQUE ") + "INDEX ON " + PROBE + build.group(3));
            return Jdbc.queryOne(
                    c,
                    "SELECT i.indisunique, pg_get_indexdef(i.indexrelid) FROM pg_index i" + " WHERE i.indrelid = '"
                            + PROBE + "'::regclass",
                    rs -> shape(rs.getBoolean(1), rs.getString(2)));
        } catch (SQLException e) {
            if (ServerError.isConnectionLost(e)) {
                throw e;
            }
            return Optional.empty();
        } finally {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** An index definition without its name and table: uniqueness, and all from {@code USING} on. */
    private static String shape(boolean unique, String definition) {
        int on = definition.indexOf(" ON ");
        int using = on < 0 ? -1 : definition.indexOf(" USING ", on);
        return (unique ? "UNIQUE" : "") + (using < 0 ? definition : definition.substring(using));
    }
}
