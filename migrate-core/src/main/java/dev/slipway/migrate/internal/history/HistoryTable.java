package dev.slipway.migrate.internal.history;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The history table {@code slipway_migrations}: one row per attempt at a migration. All SQL touching it
 * lives here. The table is created under the migration lock, so racing instances never create it twice.
 */
public final class HistoryTable {

    private static final String COLUMNS = "id, version, name, checksum, phase, started_at, finished_at,"
            + " rolled_back_at, logs, applied_steps, execution_ms, applied_by";
    /** Added after the first release: read through {@code to_jsonb} so that a table without it reads as well. */
    private static final String KIND = "kind";

    private final String schema;
    private final String table;
    private final String qualified;

    public HistoryTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
        this.qualified = Identifiers.qualified(schema, table);
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** {@code schema.table}, for messages. */
    public String displayName() {
        return schema + "." + table;
    }

    public boolean exists(Connection c) throws SQLException {
        return Catalog.tableExists(c, schema, table);
    }

    /** Creates the table (and its schema, when asked) unless it exists. Call under the migration lock. */
    public void create(Connection c, boolean createSchema) throws SQLException {
        if (createSchema && !Catalog.schemaExists(c, schema)) {
            Jdbc.execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
        }
        if (exists(c)) {
            if (!Catalog.columnExists(c, schema, table, KIND)) {
                Jdbc.execute(c, "ALTER TABLE " + qualified + " ADD COLUMN IF NOT EXISTS " + KIND + " text");
            }
            return;
        }
        Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS " + qualified + " ("
                + "id uuid PRIMARY KEY,"
                + " version text NOT NULL,"
                + " name text NOT NULL,"
                + " checksum text NOT NULL,"
                + " phase text NOT NULL,"
                + " started_at timestamptz NOT NULL,"
                + " finished_at timestamptz,"
                + " rolled_back_at timestamptz,"
                + " logs text,"
                + " applied_steps integer NOT NULL DEFAULT 0,"
                + " execution_ms bigint,"
                + " applied_by text,"
                + " " + KIND + " text)");
        Jdbc.execute(c, "COMMENT ON TABLE " + qualified
                + " IS 'Slipway migration history: one row per attempt. Change it only through resolve.'");
    }

    /** Every row, oldest attempt first. */
    public List<HistoryRow> readAll(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT " + COLUMNS + ", to_jsonb(h) ->> '" + KIND + "' FROM " + qualified
                + " h ORDER BY started_at, id", HistoryTable::map);
    }

    /**
     * Records an attempt. Times come from the server's clock, so rows written by different instances order
     * correctly: {@code started_at} is {@code now()} (the start of the current transaction, which for a
     * transactional migration is the moment it started) less {@code startedMsAgo}, and {@code finished_at},
     * when {@code finished}, is {@code clock_timestamp()}.
     */
    public void insert(Connection c, Attempt attempt, long startedMsAgo, boolean finished, String logs,
            int appliedSteps, Long executionMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, now() - ? * interval '1 millisecond',"
                + " CASE WHEN ? THEN clock_timestamp() END, NULL, ?, ?, ?, ?)")) {
            ps.setObject(1, attempt.id());
            ps.setString(2, attempt.version());
            ps.setString(3, attempt.name());
            ps.setString(4, attempt.checksum());
            ps.setString(5, attempt.phase());
            ps.setLong(6, startedMsAgo);
            ps.setBoolean(7, finished);
            ps.setString(8, logs);
            ps.setInt(9, appliedSteps);
            if (executionMs == null) {
                ps.setNull(10, Types.BIGINT);
            } else {
                ps.setLong(10, executionMs);
            }
            ps.setString(11, attempt.appliedBy());
            ps.executeUpdate();
        }
    }

    /**
     * Records a migration as applied without running it ({@code kind} {@link HistoryRow#BASELINE} or
     * {@link HistoryRow#RESOLVED}), with the times given (another tool's, for an import) or now when null. Call under
     * the migration lock, after {@link #create}.
     */
    public void insertRecorded(Connection c, Recorded row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified + " (" + COLUMNS + ", " + KIND
                + ") VALUES (?, ?, ?, ?, ?, COALESCE(?, clock_timestamp()), COALESCE(?, ?, clock_timestamp()), NULL,"
                + " ?, 0, ?, ?, ?)")) {
            ps.setObject(1, row.id());
            ps.setString(2, row.version());
            ps.setString(3, row.name());
            ps.setString(4, row.checksum());
            ps.setString(5, row.phase());
            ps.setTimestamp(6, timestamp(row.startedAt()));
            ps.setTimestamp(7, timestamp(row.finishedAt()));
            ps.setTimestamp(8, timestamp(row.startedAt()));
            ps.setString(9, row.logs());
            if (row.executionMs() == null) {
                ps.setNull(10, Types.BIGINT);
            } else {
                ps.setLong(10, row.executionMs());
            }
            ps.setString(11, row.appliedBy());
            ps.setString(12, row.kind());
            ps.executeUpdate();
        }
    }

    /**
     * A migration recorded as applied without running it.
     *
     * @param version the version as written in the file name, or {@link HistoryRow#REPEATABLE}
     * @param checksum Slipway's checksum of the file (SHA-256 of the normalised text)
     * @param startedAt when the source started it, or null (now)
     * @param finishedAt when the source finished it, or null ({@code startedAt}, or now)
     * @param logs a note kept with the row, or null
     * @param executionMs how long the source took, or null
     * @param appliedBy who applied it, naming the source (e.g. {@code flyway_schema_history, installed by app})
     * @param kind {@link HistoryRow#BASELINE} or {@link HistoryRow#RESOLVED}
     */
    public record Recorded(UUID id, String version, String name, String checksum, String phase, Instant startedAt,
            Instant finishedAt, String logs, Long executionMs, String appliedBy, String kind) {
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** What identifies one attempt at a migration. */
    public record Attempt(UUID id, String version, String name, String checksum, String phase, String appliedBy) {
    }

    /** A non-transactional migration finished another statement. */
    public void recordStep(Connection c, UUID id, int appliedSteps) throws SQLException {
        Jdbc.update(c, "UPDATE " + qualified + " SET applied_steps = ?, logs = NULL WHERE id = ?", appliedSteps, id);
    }

    /** A non-transactional migration failed; {@code logs} holds the error. */
    public void recordFailure(Connection c, UUID id, int appliedSteps, String logs) throws SQLException {
        Jdbc.update(c, "UPDATE " + qualified + " SET applied_steps = ?, logs = ? WHERE id = ?", appliedSteps, logs, id);
    }

    /** A non-transactional migration finished, perhaps after resuming with a changed file. */
    public void recordFinished(Connection c, UUID id, int appliedSteps, String checksum, long executionMs,
            String appliedBy) throws SQLException {
        Jdbc.update(c, "UPDATE " + qualified + " SET applied_steps = ?, checksum = ?, finished_at = clock_timestamp(),"
                + " execution_ms = ?, applied_by = ? WHERE id = ?", appliedSteps, checksum, executionMs, appliedBy, id);
    }

    /**
     * {@code resolve}: marks an unfinished attempt applied (recording the checksum of the file as it is now,
     * when there is one) or rolled back, keeping its logs.
     */
    public int resolve(Connection c, UUID id, boolean applied, String checksum) throws SQLException {
        if (applied) {
            return Jdbc.update(c, "UPDATE " + qualified + " SET finished_at = clock_timestamp(),"
                    + " checksum = COALESCE(?, checksum) WHERE id = ? AND finished_at IS NULL AND rolled_back_at IS NULL",
                    checksum, id);
        }
        return Jdbc.update(c, "UPDATE " + qualified + " SET rolled_back_at = clock_timestamp()"
                + " WHERE id = ? AND finished_at IS NULL AND rolled_back_at IS NULL", id);
    }

    /**
     * {@code rollback}: marks an applied attempt rolled back once its down file has run (in the down file's
     * transaction, when it runs in one), so that the migration runs again on the next {@code migrate()}.
     *
     * @return 1, or 0 when the row is not (or no longer) an applied attempt
     */
    public int markRolledBack(Connection c, UUID id) throws SQLException {
        return Jdbc.update(c, "UPDATE " + qualified + " SET rolled_back_at = clock_timestamp()"
                + " WHERE id = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL", id);
    }

    private static HistoryRow map(ResultSet rs) throws SQLException {
        long executionMs = rs.getLong(11);
        Long executionMsOrNull = rs.wasNull() ? null : executionMs;
        return new HistoryRow(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)),
                instant(rs.getTimestamp(8)),
                rs.getString(9),
                rs.getInt(10),
                executionMsOrNull,
                rs.getString(12),
                rs.getString(13));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
