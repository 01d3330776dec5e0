package dev.slipway.migrate.internal.history;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.Lease;
import dev.slipway.migrate.internal.postgres.Catalog;
import dev.slipway.migrate.internal.postgres.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The history table {@code slipway_migrations}: one row per attempt at a migration. All SQL touching it
 * lives here. The table is created under the migration lock, so racing instances never create it twice.
 *
 * <p>A unique partial index ({@link #appliedIndexName}) refuses a second successful row for a version: over
 * {@code version}, for rows finished and not rolled back (those Slipway ran, and those of kinds {@code baseline} and
 * {@code resolved}), repeatable rows (version {@code R}, one per apply) excepted. A history table from before it gets
 * it at the next migration, unless it already holds such duplicates: then the run stops, naming them.
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

    /**
     * Creates the table (and its schema, when asked) unless it exists, with its unique index over applied versions,
     * and next to it the lease table {@code slipway_locks} ({@link Lease}); brings an older table up to date (the
     * {@code kind} column, the index, the lease table). Call under the migration lock.
     *
     * @throws SlipwayException when an older table already records a version applied more than once
     */
    public void create(Connection c, boolean createSchema) throws SQLException {
        if (createSchema && !Catalog.schemaExists(c, schema)) {
            Jdbc.execute(c, "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
        }
        if (exists(c)) {
            if (!Catalog.columnExists(c, schema, table, KIND)) {
                Jdbc.execute(c, "ALTER TABLE " + qualified + " ADD COLUMN IF NOT EXISTS " + KIND + " text");
            }
            if (!appliedIndexExists(c)) {
                refuseDuplicates(c);
                createAppliedIndex(c);
            }
            Lease.createTable(c, schema);
            return;
        }
        Jdbc.execute(
                c,
                "CREATE TABLE IF NOT EXISTS " + qualified + " ("
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
        Jdbc.execute(
                c,
                "COMMENT ON TABLE " + qualified
                        + " IS 'Slipway migration history: one row per attempt. Change it only through resolve.'");
        createAppliedIndex(c);
        Lease.createTable(c, schema);
    }

    /** The unique index over the versions of successful rows: {@code <table>_applied_version}. */
    public String appliedIndexName() {
        String name = table + "_applied_version";
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    private boolean appliedIndexExists(Connection c) throws SQLException {
        return Jdbc.queryOne(
                        c,
                        "SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?",
                        rs -> true,
                        schema,
                        appliedIndexName())
                .isPresent();
    }

    private void createAppliedIndex(Connection c) throws SQLException {
        Jdbc.execute(
                c,
                "CREATE UNIQUE INDEX IF NOT EXISTS " + Identifiers.quote(appliedIndexName()) + " ON "
                        + qualified
                        + " (version) WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL AND version <> '"
                        + HistoryRow.REPEATABLE + "'");
        Jdbc.execute(
                c,
                "COMMENT ON INDEX " + Identifiers.qualified(schema, appliedIndexName()) + " IS 'Slipway: a "
                        + "version is applied at most once (finished, not rolled back; repeatable rows excepted).'");
    }

    /**
     * Stops, naming them, when the table records a version applied more than once (what a leaked migration lock left
     * behind): they are not deleted here, since what each extra run wrote must be checked by someone who knows it.
     */
    private void refuseDuplicates(Connection c) throws SQLException {
        Map<String, List<HistoryRow>> byVersion = new LinkedHashMap<>();
        for (HistoryRow row : Jdbc.query(
                c,
                "SELECT " + COLUMNS + ", to_jsonb(h) ->> '" + KIND + "' FROM " + qualified
                        + " h WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL AND version <> ? AND version IN ("
                        + "SELECT version FROM " + qualified
                        + " WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL"
                        + " GROUP BY version HAVING count(*) > 1) ORDER BY started_at, id",
                HistoryTable::map,
                HistoryRow.REPEATABLE)) {
            byVersion.computeIfAbsent(row.version(), v -> new ArrayList<>()).add(row);
        }
        if (byVersion.isEmpty()) {
            return;
        }
        List<String> versions = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (List<HistoryRow> rows : byVersion.values()) {
            StringBuilder text = new StringBuilder("-> migration " + rows.get(0).version() + "_"
                    + rows.get(0).name() + " is recorded as applied " + rows.size() + " times:");
            for (int i = 0; i < rows.size(); i++) {
                HistoryRow row = rows.get(i);
                text.append("\n   row ")
                        .append(row.id())
                        .append(": started ")
                        .append(row.startedAt())
                        .append(", finished ")
                        .append(row.finishedAt())
                        .append(", by ")
                        .append(row.appliedBy())
                        .append(i == 0 ? " (the first: keep it)" : "");
                if (i > 0) {
                    extra.add("'" + row.id() + "'");
                }
            }
            versions.add(text.toString());
        }
        throw new SlipwayException(
                SlipwayError.DUPLICATE_HISTORY,
                "The history table " + displayName() + " records "
                        + (versions.size() == 1 ? "a migration" : versions.size() + " migrations")
                        + " as applied more than once, so nothing was "
                        + "migrated:\n" + String.join("\n", versions) + "\n"
                        + "Each of them ran more than once: several runners applied it, most likely because the migration lock "
                        + "leaked through a transaction-pooling proxy (PgBouncer with pool_mode=transaction).",
                Action.text("Check what each extra run wrote (rows inserted twice, data changed twice) and repair it. "
                                + "Then delete the extra history rows, keeping the first of each migration:\n"
                                + "  DELETE FROM " + qualified + " WHERE id IN (" + String.join(", ", extra) + ");\n"
                                + "The next migrate then adds the unique index " + appliedIndexName()
                                + ", which refuses a second "
                                + "successful row for a version from then on.")
                        .append(Action.of(
                                " Give Slipway a direct connection "
                                        + "to PostgreSQL ({}) so that the lock keeps other runners out.",
                                Setting.DATASOURCE_URL)));
    }

    /**
     * A second successful row for a version, refused by the unique index, as an error that says so (the caller's
     * transaction rolls back); other errors are passed on.
     */
    private SQLException orDuplicate(SQLException e, String version) {
        if ("23505".equals(e.getSQLState())
                && e.getMessage() != null
                && e.getMessage().contains(appliedIndexName())) {
            throw new SlipwayException(
                    SlipwayError.DUPLICATE_HISTORY,
                    "Migration " + version
                            + " is already recorded as applied in " + displayName()
                            + ", so this runner's attempt was refused and its transaction rolled back: the history table "
                            + "keeps one successful row per version (unique index " + appliedIndexName() + ").\n"
                            + "Another runner applied it meanwhile although this one believed it held the migration lock: the "
                            + "lock leaked, most likely through a transaction-pooling proxy (PgBouncer with "
                            + "pool_mode=transaction).",
                    Action.of(
                            "Give Slipway a direct connection to PostgreSQL ({}), then "
                                    + "check the migration status.",
                            Setting.DATASOURCE_URL),
                    e);
        }
        return e;
    }

    /** Every row, oldest attempt first. */
    public List<HistoryRow> readAll(Connection c) throws SQLException {
        return Jdbc.query(
                c,
                "SELECT " + COLUMNS + ", to_jsonb(h) ->> '" + KIND + "' FROM " + qualified
                        + " h ORDER BY started_at, id",
                HistoryTable::map);
    }

    /**
     * Records an attempt. Times come from the server's clock, so rows written by different instances order
     * correctly: {@code started_at} is {@code now()} (the start of the current transaction, which for a
     * transactional migration is the moment it started) less {@code startedMsAgo}, and {@code finished_at},
     * when {@code finished}, is {@code clock_timestamp()}.
     */
    public void insert(
            Connection c,
            Attempt attempt,
            long startedMsAgo,
            boolean finished,
            String logs,
            int appliedSteps,
            Long executionMs)
            throws SQLException {
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
        } catch (SQLException e) {
            throw orDuplicate(e, attempt.version() + "_" + attempt.name());
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
        } catch (SQLException e) {
            throw orDuplicate(e, row.version() + "_" + row.name());
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
    public record Recorded(
            UUID id,
            String version,
            String name,
            String checksum,
            String phase,
            Instant startedAt,
            Instant finishedAt,
            String logs,
            Long executionMs,
            String appliedBy,
            String kind) {}

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** What identifies one attempt at a migration. */
    public record Attempt(UUID id, String version, String name, String checksum, String phase, String appliedBy) {}

    /**
     * A non-transactional migration finished another statement; recorded only while the lease carries its token.
     *
     * @return false when the lease was lost (nothing recorded)
     */
    public boolean recordStep(Connection c, UUID id, int appliedSteps, Lease lease) throws SQLException {
        return Jdbc.update(
                        c,
                        "UPDATE " + qualified + " SET applied_steps = ?, logs = NULL WHERE id = ? AND "
                                + lease.condition(),
                        params(new Object[] {appliedSteps, id}, lease))
                == 1;
    }

    /** A non-transactional migration failed; {@code logs} holds the error. Recorded only while the lease holds. */
    public void recordFailure(Connection c, UUID id, int appliedSteps, String logs, Lease lease) throws SQLException {
        Jdbc.update(
                c,
                "UPDATE " + qualified + " SET applied_steps = ?, logs = ? WHERE id = ? AND " + lease.condition(),
                params(new Object[] {appliedSteps, logs, id}, lease));
    }

    /**
     * A non-transactional migration finished, perhaps after resuming with a changed file; recorded only while the
     * lease carries its token.
     *
     * @return false when the lease was lost (nothing recorded)
     */
    public boolean recordFinished(
            Connection c,
            UUID id,
            String version,
            int appliedSteps,
            String checksum,
            long executionMs,
            String appliedBy,
            Lease lease)
            throws SQLException {
        try {
            return Jdbc.update(
                            c,
                            "UPDATE " + qualified + " SET applied_steps = ?, checksum = ?,"
                                    + " finished_at = clock_timestamp(), execution_ms = ?, applied_by = ? WHERE id = ? AND "
                                    + lease.condition(),
                            params(new Object[] {appliedSteps, checksum, executionMs, appliedBy, id}, lease))
                    == 1;
        } catch (SQLException e) {
            throw orDuplicate(e, version);
        }
    }

    private static Object[] params(Object[] own, Lease lease) {
        Object[] condition = lease.conditionParameters();
        Object[] all = Arrays.copyOf(own, own.length + condition.length);
        System.arraycopy(condition, 0, all, own.length, condition.length);
        return all;
    }

    /**
     * {@code resolve}: marks an unfinished attempt applied (recording the checksum of the file as it is now,
     * when there is one) or rolled back, keeping its logs.
     *
     * @param migration the migration's id ({@code version_name}), for messages
     */
    public int resolve(Connection c, UUID id, String migration, boolean applied, String checksum) throws SQLException {
        if (applied) {
            try {
                return Jdbc.update(
                        c,
                        "UPDATE " + qualified + " SET finished_at = clock_timestamp(),"
                                + " checksum = COALESCE(?, checksum) WHERE id = ? AND finished_at IS NULL AND rolled_back_at"
                                + " IS NULL",
                        checksum,
                        id);
            } catch (SQLException e) {
                throw orDuplicate(e, migration);
            }
        }
        return Jdbc.update(
                c,
                "UPDATE " + qualified + " SET rolled_back_at = clock_timestamp()"
                        + " WHERE id = ? AND finished_at IS NULL AND rolled_back_at IS NULL",
                id);
    }

    /**
     * {@code rollback}: marks an applied attempt rolled back once its down file has run (in the down file's
     * transaction, when it runs in one), so that the migration runs again on the next {@code migrate()}.
     *
     * @return 1, or 0 when the row is not (or no longer) an applied attempt
     */
    public int markRolledBack(Connection c, UUID id) throws SQLException {
        return Jdbc.update(
                c,
                "UPDATE " + qualified + " SET rolled_back_at = clock_timestamp()"
                        + " WHERE id = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL",
                id);
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
