package dev.slipway.migrate.internal.postgres;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** The catalog queries Slipway runs, in one place. */
public final class Catalog {

    /** Validity of an index as {@code pg_index.indisvalid} reports it. */
    public enum IndexState {
        ABSENT,
        VALID,
        INVALID
    }

    private Catalog() {}

    /** {@code current_schema()}: the first existing schema of the search path, or empty when there is none. */
    public static Optional<String> currentSchema(Connection c) throws SQLException {
        return Jdbc.queryOne(c, "SELECT current_schema()", rs -> rs.getString(1));
    }

    public static boolean schemaExists(Connection c, String schema) throws SQLException {
        return Jdbc.queryOne(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", rs -> true, schema)
                .isPresent();
    }

    public static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        return Jdbc.queryOne(
                        c,
                        "SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                                + " WHERE n.nspname = ? AND t.relname = ? AND t.relkind IN ('r', 'p')",
                        rs -> true,
                        schema,
                        table)
                .isPresent();
    }

    /** Whether that table has a column of that name (dropped columns do not count). */
    public static boolean columnExists(Connection c, String schema, String table, String column) throws SQLException {
        return Jdbc.queryOne(
                        c,
                        "SELECT 1 FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid"
                                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                                + " WHERE n.nspname = ? AND t.relname = ? AND a.attname = ? AND a.attnum > 0"
                                + " AND NOT a.attisdropped",
                        rs -> true,
                        schema,
                        table,
                        column)
                .isPresent();
    }

    /** The server's version as {@code server_version_num} (e.g. 150004). */
    public static int serverVersion(Connection c) throws SQLException {
        return Jdbc.queryOne(c, "SELECT current_setting('server_version_num')::int", rs -> rs.getInt(1))
                .orElse(0);
    }

    /**
     * Whether the index of that name on that table exists, and is valid. {@code table} is the table as written
     * in the statement (possibly qualified and quoted), resolved with the session's search path.
     */
    public static IndexState indexState(Connection c, String table, String indexName) throws SQLException {
        Optional<Boolean> valid = Jdbc.queryOne(
                c,
                "SELECT i.indisvalid FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                        + " WHERE i.indrelid = to_regclass(?) AND ic.relname = ?",
                rs -> rs.getBoolean(1),
                table,
                indexName);
        return valid.map(v -> v ? IndexState.VALID : IndexState.INVALID).orElse(IndexState.ABSENT);
    }

    /** The oids of every index of the table as written in a statement (empty when there is no such table). */
    public static java.util.Set<Long> indexOids(Connection c, String table) throws SQLException {
        return new java.util.HashSet<>(Jdbc.query(
                c,
                "SELECT indexrelid::bigint FROM pg_index WHERE indrelid = to_regclass(?)",
                rs -> rs.getLong(1),
                table));
    }

    /** {@code "schema"."index"} of every INVALID index of the table that is not among {@code known}. */
    public static java.util.List<String> invalidIndexesBesides(Connection c, String table, java.util.Set<Long> known)
            throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT i.indexrelid::bigint, n.nspname, ic.relname FROM pg_index i"
                                + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace"
                                + " WHERE i.indrelid = to_regclass(?) AND NOT i.indisvalid",
                        rs -> known.contains(rs.getLong(1))
                                ? null
                                : Identifiers.qualified(rs.getString(2), rs.getString(3)),
                        table)
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** The schema of the table as written in a statement, resolved with the session's search path. */
    public static Optional<String> schemaOfTable(Connection c, String table) throws SQLException {
        return Jdbc.queryOne(
                c,
                "SELECT n.nspname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
                        + " WHERE t.oid = to_regclass(?)",
                rs -> rs.getString(1),
                table);
    }

    /** The session holding the advisory lock with the given 64-bit key in this database, if any. */
    public static Optional<LockHolder> advisoryLockHolder(Connection c, long key) throws SQLException {
        return Jdbc.queryOne(
                c,
                "SELECT a.pid, a.application_name, host(a.client_addr), a.backend_start, a.state"
                        + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                        + " AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid"
                        + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                rs -> {
                    Timestamp since = rs.getTimestamp(4);
                    return new LockHolder(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getString(3),
                            since == null ? null : since.toInstant(),
                            rs.getString(5));
                },
                key >>> 32,
                key & 0xFFFFFFFFL);
    }
}
