package dev.slipway.migrate.internal.backfill;

import dev.slipway.migrate.internal.jdbc.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many rows a backfill's table holds, for its progress and ETA, without reading a large table whole:
 *
 * <ol>
 *   <li>A table of at most 8 MB ({@link #SMALL_TABLE_BYTES}; its partitions' sum, for a partitioned table) is
 *       counted exactly: that takes milliseconds, and a small table is where statistics go stale fastest (a table of
 *       313 rows when autovacuum last analysed it may hold twice as many by now).</li>
 *   <li>A larger table whose statistics are stale (never analysed, or more rows inserted, updated or deleted since
 *       its last {@code ANALYZE} than a tenth ({@link #STALE_FRACTION}) of the rows it counted, as
 *       {@code pg_stat_all_tables.n_mod_since_analyze} says) is analysed first. {@code ANALYZE} reads a sample of
 *       at most 30,000 pages, not the table, and takes a {@code SHARE UPDATE EXCLUSIVE} lock, which blocks neither
 *       reads nor writes; it runs under a short {@code lock_timeout}, so that it never queues behind another lock (a
 *       running autovacuum, a {@code CREATE INDEX CONCURRENTLY}), and is skipped when it cannot have the lock, runs
 *       too long, or the login does not own the table.</li>
 *   <li>The estimate is then {@code pg_class.reltuples} scaled by the table's size in pages now over its size when
 *       it was analysed ({@code relpages}), as the planner does: rows inserted since then are counted too.</li>
 * </ol>
 *
 * The estimate is null (unknown) when a large table was never analysed and could not be now, or when a count runs
 * out of time.
 */
final class RowEstimate {

    private static final Logger log = LoggerFactory.getLogger(RowEstimate.class);

    /** Tables up to this size (8 MB, about 1,000 pages) are counted exactly. */
    static final long SMALL_TABLE_BYTES = 8L * 1024 * 1024;

    /** Statistics are stale once the rows changed since the last ANALYZE exceed this fraction of the rows. */
    static final double STALE_FRACTION = 0.1;

    /** Longest a count or an ANALYZE may take; beyond it, the estimate does without. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Longest ANALYZE waits for its lock. */
    private static final Duration ANALYZE_LOCK_TIMEOUT = Duration.ofMillis(100);

    /**
     * Per table with storage (the table itself, or each leaf partition of a partitioned table): the rows and pages
     * its statistics counted, its pages now, and the rows changed since it was analysed.
     */
    private static final String STATISTICS = "SELECT c.reltuples::float8, c.relpages::bigint,"
            + " pg_relation_size(c.oid), current_setting('block_size')::bigint, COALESCE(s.n_mod_since_analyze, 0)"
            + " FROM pg_class c LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid"
            + " WHERE c.relkind = 'r' AND (c.oid = to_regclass(?)"
            + " OR c.oid IN (SELECT relid FROM pg_partition_tree(to_regclass(?)) WHERE isleaf))";

    private RowEstimate() {}

    /** The estimated row count of the table, or null when unknown. */
    static Long of(Connection c, TargetTable target) throws SQLException {
        List<Statistics> tables = statistics(c, target);
        if (tables.stream().mapToLong(Statistics::bytes).sum() <= SMALL_TABLE_BYTES) {
            return count(c, target);
        }
        if (tables.stream().anyMatch(Statistics::stale)) {
            analyze(c, target);
            tables = statistics(c, target);
        }
        long rows = 0;
        for (Statistics table : tables) {
            Long estimate = table.estimate();
            if (estimate == null) {
                return null;
            }
            rows += estimate;
        }
        return rows;
    }

    private static List<Statistics> statistics(Connection c, TargetTable target) throws SQLException {
        return Jdbc.query(
                c,
                STATISTICS,
                rs -> new Statistics(rs.getDouble(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                target.qualified(),
                target.qualified());
    }

    private static Long count(Connection c, TargetTable target) throws SQLException {
        return inTransaction(c, target, "count the rows of", () -> {
            Jdbc.queryOne(c, "SELECT set_config('statement_timeout', ?, true)", rs -> null, TIMEOUT.toMillis() + "ms");
            return Jdbc.queryOne(c, "SELECT count(*) FROM " + target.qualified(), rs -> rs.getLong(1))
                    .orElse(null);
        });
    }

    private static void analyze(Connection c, TargetTable target) throws SQLException {
        inTransaction(c, target, "analyse", () -> {
            Jdbc.queryOne(
                    c,
                    "SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)",
                    rs -> null,
                    TIMEOUT.toMillis() + "ms",
                    ANALYZE_LOCK_TIMEOUT.toMillis() + "ms");
            Jdbc.execute(c, "ANALYZE " + target.qualified());
            return null;
        });
    }

    /** Runs the work in a transaction of its own, so that its settings end with it; null when the work failed. */
    private static <T> T inTransaction(Connection c, TargetTable target, String what, Work<T> work)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException e) {
            c.rollback();
            log.debug(
                    "Could not {} {} to estimate its rows (SQLSTATE {}): {}",
                    what,
                    target.displayName(),
                    e.getSQLState(),
                    e.getMessage());
            return null;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** What the catalog says of one table with storage. */
    private record Statistics(double reltuples, long relpages, long bytes, long blockSize, long modifiedSinceAnalyze) {

        /** Never analysed, or changed by more than the stale fraction since. */
        boolean stale() {
            return reltuples < 0 || modifiedSinceAnalyze > STALE_FRACTION * reltuples;
        }

        /** Its rows by the planner's rule (rows per page when analysed, times pages now), or null when unknown. */
        Long estimate() {
            long pages = bytes / blockSize;
            if (reltuples < 0) {
                return pages == 0 ? 0L : null;
            }
            if (relpages == 0) {
                return pages == 0 ? (long) Math.ceil(reltuples) : null;
            }
            return (long) Math.ceil(reltuples / relpages * pages);
        }
    }
}
