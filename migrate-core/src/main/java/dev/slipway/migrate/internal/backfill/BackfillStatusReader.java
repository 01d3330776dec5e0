package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.Action;
import dev.slipway.migrate.Setting;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.SlipwayError;
import dev.slipway.migrate.SlipwayException;
import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.internal.jdbc.Jdbc;
import dev.slipway.migrate.internal.lock.AdvisoryLock;
import dev.slipway.migrate.internal.postgres.Catalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * How a record of {@code slipway_backfills} becomes the {@link BackfillStatus} users see, shared by the loop, the
 * batch loop and the operator actions; and where that table is.
 *
 * <ol>
 *   <li>The owner shown is the record's only while a session holds the backfill's advisory lock (a dead runner's
 *       owner stays in the record until the next claim, but is not shown).</li>
 *   <li>The rate is the rows processed since the current run started, over the time to its last save; 0 unless the
 *       backfill runs and its owner is live.</li>
 *   <li>The progress is the rows processed of the estimate (never below them), at most 0.99 until it completes; the
 *       ETA is the rows left at that rate, while the first pass runs.</li>
 * </ol>
 */
final class BackfillStatusReader {

    private BackfillStatusReader() {}

    /**
     * The table {@code slipway_backfills} of the configured schema, or of the connection's current schema when none
     * is set.
     */
    static BackfillTable table(Connection c, SlipwayConfig config) throws SQLException {
        String schema = config.schema();
        if (schema == null) {
            schema = Catalog.currentSchema(c)
                    .orElseThrow(() -> new SlipwayException(
                            SlipwayError.SCHEMA_NOT_FOUND,
                            "The connection has no current schema (no schema of its search_path exists), so there is "
                                    + "no " + BackfillTable.NAME + " to read or write.",
                            Action.of(
                                    "Set {} to the schema where Slipway keeps " + BackfillTable.NAME
                                            + ", or fix the search_path / currentSchema of the connection.",
                                    Setting.SCHEMA)));
        }
        return new BackfillTable(schema);
    }

    /** The status of one record, its owner shown only while a session holds the backfill's lock. */
    static BackfillStatus of(Connection c, BackfillTable table, BackfillRecord record) throws SQLException {
        boolean live = record.owner() != null && heldLocks(c).contains(lockKey(table, record.name()));
        return of(record, live);
    }

    static BackfillStatus of(BackfillRecord r, boolean ownerLive) {
        Long estimated = r.rowsEstimated() == null ? null : Math.max(r.rowsEstimated(), r.rowsProcessed());
        double progress = progress(r.state() == BackfillState.COMPLETED, r.rowsProcessed(), estimated);
        double rate = 0;
        boolean running = r.state() == BackfillState.RUNNING && ownerLive;
        if (running
                && r.runStartedAt() != null
                && r.updatedAt() != null
                && r.updatedAt().isAfter(r.runStartedAt())) {
            double seconds = Duration.between(r.runStartedAt(), r.updatedAt()).toNanos() / 1e9;
            rate = Math.max(0, r.rowsProcessed() - r.runRows()) / seconds;
        }
        Duration eta = eta(running, rate, r.rowsProcessed(), estimated, r.sweeping());
        return new BackfillStatus(
                r.name(),
                r.tableName(),
                r.state(),
                r.rowsProcessed(),
                r.rowsUpdated(),
                estimated,
                progress,
                rate,
                eta,
                r.batchSize(),
                r.sweeping(),
                ownerLive ? r.owner() : null,
                r.startedAt(),
                r.updatedAt(),
                r.finishedAt(),
                r.lastError());
    }

    /** From 0 to 1: rows processed of the estimate, at most 0.99 until the backfill is complete. */
    static double progress(boolean completed, long processed, Long estimated) {
        if (completed) {
            return 1.0;
        }
        return estimated == null || estimated == 0 ? 0.0 : Math.min(0.99, (double) processed / estimated);
    }

    /** The rows left at the current rate, while the first pass runs; null when unknown. */
    static Duration eta(boolean running, double rate, long processed, Long estimated, boolean sweeping) {
        if (!running || rate <= 0 || estimated == null || sweeping) {
            return null;
        }
        return Duration.ofMillis((long) (Math.max(0, estimated - processed) / rate * 1000));
    }

    /** The advisory lock key of one backfill: distinct from the migration lock and from every other backfill's. */
    static long lockKey(BackfillTable table, String name) {
        return AdvisoryLock.backfillKey(table.schema(), BackfillTable.NAME, name);
    }

    /** The keys of the advisory locks taken with one {@code bigint} key and granted in this database now. */
    static Set<Long> heldLocks(Connection c) throws SQLException {
        return new HashSet<>(Jdbc.query(
                c,
                "SELECT classid::bigint, objid::bigint FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND granted AND objsubid = 1"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                rs -> (rs.getLong(1) << 32) | rs.getLong(2)));
    }
}
