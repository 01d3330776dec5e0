package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import dev.slipway.migrate.internal.postgres.SlipwayTables;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code slipway_backfills}: one row per backfill with its state and cursor. All SQL touching it lives
 * here. A batch saves its cursor with {@link #saveBatch} in the batch's own transaction, so the saved progress is
 * exactly what was committed.
 */
final class BackfillTable {

    static final String NAME = "slipway_backfills";

    private static final String COLUMNS = "name, table_name, state, sweeping, sweep_pass, cursor, key_columns,"
            + " rows_processed, pass_rows, rows_updated, rows_estimated, batch_size, batches, owner, run_started_at,"
            + " run_rows, started_at, updated_at, finished_at, attempts, last_error";

    private final String schema;
    private final String qualified;

    BackfillTable(String schema) {
        this.schema = schema;
        this.qualified = Identifiers.qualified(schema, NAME);
    }

    String schema() {
        return schema;
    }

    String displayName() {
        return schema + "." + NAME;
    }

    boolean exists(Connection c) throws SQLException {
        return Catalog.tableExists(c, schema, NAME);
    }

    /**
     * Creates the table (and the schema, when asked) unless it exists, under a transaction-level advisory lock so
     * that instances starting together do not race on {@code CREATE TABLE}. Runs in its own transaction.
     */
    void create(Connection c, boolean createSchema) throws SQLException {
        if (exists(c)) {
            return;
        }
        SlipwayTables.create(
                c,
                schema,
                NAME,
                createSchema,
                "name text PRIMARY KEY,"
                        + " table_name text NOT NULL,"
                        + " state text NOT NULL,"
                        + " sweeping boolean NOT NULL DEFAULT false,"
                        + " sweep_pass integer NOT NULL DEFAULT 0,"
                        + " cursor text[],"
                        + " key_columns text[],"
                        + " rows_processed bigint NOT NULL DEFAULT 0,"
                        + " pass_rows bigint NOT NULL DEFAULT 0,"
                        + " rows_updated bigint NOT NULL DEFAULT 0,"
                        + " rows_estimated bigint,"
                        + " batch_size integer NOT NULL,"
                        + " batches bigint NOT NULL DEFAULT 0,"
                        + " owner text,"
                        + " run_started_at timestamptz,"
                        + " run_rows bigint NOT NULL DEFAULT 0,"
                        + " created_at timestamptz NOT NULL DEFAULT now(),"
                        + " started_at timestamptz,"
                        + " updated_at timestamptz,"
                        + " finished_at timestamptz,"
                        + " attempts integer NOT NULL DEFAULT 0,"
                        + " last_error text",
                "Slipway backfills: state and cursor of each"
                        + " backfill. Change it only through Slipway (pause, resume, retry).");
    }

    /** Records a backfill as PENDING unless it is recorded already. */
    void register(Connection c, String name, String tableName, int batchSize) throws SQLException {
        Jdbc.update(
                c,
                "INSERT INTO " + qualified + " (name, table_name, state, batch_size) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING",
                name,
                tableName,
                BackfillState.PENDING.name(),
                batchSize);
    }

    Optional<BackfillRecord> read(Connection c, String name) throws SQLException {
        return Jdbc.queryOne(
                c, "SELECT " + COLUMNS + " FROM " + qualified + " WHERE name = ?", BackfillTable::map, name);
    }

    List<BackfillRecord> readAll(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + " FROM " + qualified + " ORDER BY name", BackfillTable::map);
    }

    /**
     * This session took the backfill's lock: records the owner and the start of the run, turns PENDING into
     * RUNNING, refreshes the estimate. Returns the record as it is now, whatever its state.
     */
    BackfillRecord claim(Connection c, String name, String owner, String tableName, List<String> keys, Long estimate)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified + " SET"
                + " state = CASE WHEN state = 'PENDING' THEN 'RUNNING' ELSE state END,"
                + " owner = CASE WHEN state IN ('PENDING', 'RUNNING') THEN ? ELSE owner END,"
                + " run_started_at = clock_timestamp(), run_rows = rows_processed,"
                + " started_at = COALESCE(started_at, CASE WHEN state IN ('PENDING', 'RUNNING')"
                + " THEN clock_timestamp() END),"
                + " table_name = ?, key_columns = ?,"
                + " rows_estimated = CASE WHEN ?::bigint IS NULL THEN rows_estimated"
                + " ELSE GREATEST(?::bigint, rows_processed) END"
                + " WHERE name = ? RETURNING " + COLUMNS)) {
            ps.setString(1, owner);
            ps.setString(2, tableName);
            ps.setArray(3, c.createArrayOf("text", keys.toArray()));
            ps.setObject(4, estimate);
            ps.setObject(5, estimate);
            ps.setString(6, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    /**
     * Saves a committed batch's progress, in the batch's transaction; true when saved. It saves nothing (and the
     * caller rolls the batch back) unless the backfill is still RUNNING and owned by {@code owner}: an operator
     * paused it meanwhile.
     */
    boolean saveBatch(Connection c, String name, String owner, Progress next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + qualified + " SET cursor = ?, sweeping = ?,"
                + " sweep_pass = ?, rows_processed = rows_processed + ?, pass_rows = ?, rows_updated = rows_updated + ?,"
                + " batch_size = ?, batches = batches + 1, updated_at = clock_timestamp(), attempts = 0,"
                + " last_error = NULL, state = ?, finished_at = CASE WHEN ? = 'COMPLETED' THEN clock_timestamp() END,"
                + " owner = CASE WHEN ? = 'COMPLETED' THEN NULL ELSE owner END"
                + " WHERE name = ? AND state = 'RUNNING' AND owner = ?")) {
            ps.setArray(
                    1,
                    next.cursor() == null
                            ? null
                            : c.createArrayOf("text", next.cursor().toArray()));
            ps.setBoolean(2, next.sweeping());
            ps.setInt(3, next.sweepPass());
            ps.setLong(4, next.rowsScanned());
            ps.setLong(5, next.passRows());
            ps.setLong(6, next.rowsUpdated());
            ps.setInt(7, next.batchSize());
            ps.setString(8, next.state().name());
            ps.setString(9, next.state().name());
            ps.setString(10, next.state().name());
            ps.setString(11, name);
            ps.setString(12, owner);
            return ps.executeUpdate() == 1;
        }
    }

    /** What a committed batch changes in the record. */
    record Progress(
            List<String> cursor,
            boolean sweeping,
            int sweepPass,
            long rowsScanned,
            long passRows,
            long rowsUpdated,
            int batchSize,
            BackfillState state) {}

    /** A batch failed with a transient error and will be retried. */
    void recordRetry(Connection c, String name, String owner, int attempts, String error) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE " + qualified + " SET attempts = ?, last_error = ? WHERE name = ? AND owner = ?",
                attempts,
                error,
                name,
                owner);
    }

    /**
     * The backfill failed for good: keeps the error and gives up ownership. A pause that came while the failing
     * batch ran does not hide the failure.
     */
    void recordFailure(Connection c, String name, String owner, int attempts, String error) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE " + qualified + " SET state = 'FAILED', attempts = ?, last_error = ?, owner = NULL,"
                        + " updated_at = clock_timestamp() WHERE name = ? AND state IN ('RUNNING', 'PAUSED') AND owner = ?",
                attempts,
                error,
                name,
                owner);
    }

    /** This instance stops running the backfill (stop requested, paused): it no longer owns it. */
    void release(Connection c, String name, String owner) throws SQLException {
        Jdbc.update(c, "UPDATE " + qualified + " SET owner = NULL WHERE name = ? AND owner = ?", name, owner);
    }

    /**
     * Moves a backfill from one of {@code from} to {@code to}; the number of rows changed (0 when its state is
     * not one of {@code from}). Leaving FAILED clears the error and attempts.
     */
    int transition(Connection c, String name, List<BackfillState> from, BackfillState to) throws SQLException {
        String[] states = from.stream().map(Enum::name).toArray(String[]::new);
        Array array = c.createArrayOf("text", states);
        return Jdbc.update(
                c,
                "UPDATE " + qualified + " SET state = ?,"
                        + " last_error = CASE WHEN state = 'FAILED' THEN NULL ELSE last_error END,"
                        + " attempts = CASE WHEN state = 'FAILED' THEN 0 ELSE attempts END"
                        + " WHERE name = ? AND state = ANY(?)",
                to.name(),
                name,
                array);
    }

    private static BackfillRecord map(ResultSet rs) throws SQLException {
        long estimated = rs.getLong(11);
        Long estimatedOrNull = rs.wasNull() ? null : estimated;
        return new BackfillRecord(
                rs.getString(1),
                rs.getString(2),
                BackfillState.valueOf(rs.getString(3)),
                rs.getBoolean(4),
                rs.getInt(5),
                strings(rs.getArray(6)),
                strings(rs.getArray(7)),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                estimatedOrNull,
                rs.getInt(12),
                rs.getLong(13),
                rs.getString(14),
                instant(rs.getTimestamp(15)),
                rs.getLong(16),
                instant(rs.getTimestamp(17)),
                instant(rs.getTimestamp(18)),
                instant(rs.getTimestamp(19)),
                rs.getInt(20),
                rs.getString(21));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(v -> v == null ? null : v.toString()).toList();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
