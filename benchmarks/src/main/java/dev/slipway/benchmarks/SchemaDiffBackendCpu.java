package dev.slipway.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * The CPU time a connection's server process (its PostgreSQL backend) has used, read from {@code /proc/<pid>/stat}
 * when the server runs on this machine: the server's share of a catalog read, which other load on the machine
 * hardly changes.
 *
 * <ol>
 *   <li>The backend's pid comes from the driver ({@code PGConnection.getBackendPID()}, no round trip).</li>
 *   <li>{@code utime + stime} (fields 14 and 15, after the command name in parentheses) are in clock ticks of
 *       1/100 s, Linux's {@code USER_HZ}: a figure has that resolution.</li>
 *   <li>When the file cannot be read (another machine, another operating system), the figure is unknown: -1.</li>
 * </ol>
 */
final class SchemaDiffBackendCpu {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private SchemaDiffBackendCpu() {}

    /** The backend's CPU time so far in nanoseconds, or -1 when unknown. */
    static long nanos(Connection connection) throws SQLException {
        int pid = connection.unwrap(PGConnection.class).getBackendPID();
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state): utime is field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code after - before}, or -1 when either is unknown. */
    static long between(long before, long after) {
        return before < 0 || after < 0 ? -1 : after - before;
    }
}
