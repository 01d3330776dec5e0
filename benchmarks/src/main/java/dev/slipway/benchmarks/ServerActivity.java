package dev.slipway.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server-wide counters that explain a slow stretch of a run: WAL written, full-page images (every page first
 * changed after a checkpoint starts is written to the WAL whole), checkpoints, and buffers that backends had to
 * write out themselves. Server-wide: other databases' work on the same server counts too.
 *
 * @param walBytes bytes of WAL
 * @param fullPageImages full-page images in the WAL
 * @param checkpoints checkpoints (timed and requested; counted when they complete)
 * @param backendWrites buffers written by backends rather than by the background writer or the checkpointer
 */
record ServerActivity(long walBytes, long fullPageImages, long checkpoints, long backendWrites) {

    static ServerActivity read(BenchmarkServer server, String database) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT w.wal_bytes::bigint, w.wal_fpi,"
                        + " b.checkpoints_timed + b.checkpoints_req, b.buffers_backend"
                        + " FROM pg_stat_wal w, pg_stat_bgwriter b")) {
            row.next();
            return new ServerActivity(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
        }
    }

    /** What happened since {@code before}. */
    ServerActivity since(ServerActivity before) {
        return new ServerActivity(
                walBytes - before.walBytes,
                fullPageImages - before.fullPageImages,
                checkpoints - before.checkpoints,
                backendWrites - before.backendWrites);
    }
}
