package dev.slipway.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sessions of one database wait on a heavyweight lock (a table lock, a row lock's transaction), sampled from
 * {@code pg_stat_activity} every {@value #PERIOD_MILLIS} ms on a connection of its own. A <em>window</em> is a run of
 * samples that each found at least one session waiting: while it lasts, requests of the app stand in a lock queue.
 */
final class LockWaitSampler {

    static final long PERIOD_MILLIS = 20;

    private static final String QUERY =
            "SELECT count(*), coalesce(max(extract(epoch FROM clock_timestamp() - query_start)),"
                    + " 0) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND pid <> pg_backend_pid()";

    /**
     * One run of samples with a session waiting.
     *
     * @param startNanos the first sample that found one ({@link System#nanoTime()})
     * @param endNanos the first sample after it that found none, or the end of sampling
     * @param maxWaiting the most sessions waiting at once
     * @param longestWaitMillis the longest time a waiting session's query had been running, as sampled
     */
    record Window(long startNanos, long endNanos, int maxWaiting, double longestWaitMillis) {

        double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    /**
     * What was seen.
     *
     * @param windows the windows, in order
     * @param samples how many samples were taken
     */
    record Result(List<Window> windows, long samples) {

        /** The windows that began at or after {@code startNanos}. */
        Result since(long startNanos) {
            return new Result(
                    windows.stream().filter(w -> w.startNanos() >= startNanos).toList(), samples);
        }

        /** The longest time one waiting session's query had been running, as sampled. */
        double longestWaitMillis() {
            return windows.stream().mapToDouble(Window::longestWaitMillis).max().orElse(0);
        }

        Window longest() {
            return windows.stream()
                    .max(java.util.Comparator.comparingLong(w -> w.endNanos() - w.startNanos()))
                    .orElse(null);
        }

        double totalMillis() {
            return windows.stream().mapToDouble(Window::millis).sum();
        }

        int maxWaiting() {
            return windows.stream().mapToInt(Window::maxWaiting).max().orElse(0);
        }
    }

    private final Connection connection;
    private final Thread thread;
    private final List<Window> windows = new ArrayList<>();
    private volatile boolean running = true;
    private long samples;
    private SQLException error;

    private LockWaitSampler(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::sample, "lock-wait-sampler");
        this.thread.setDaemon(true);
    }

    static LockWaitSampler start(BenchmarkServer server, String database) throws SQLException {
        LockWaitSampler sampler = new LockWaitSampler(server.connect(database));
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        long openedAt = -1;
        int maxWaiting = 0;
        double longestWait = 0;
        try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
            while (running) {
                int waiting;
                double longest;
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    waiting = row.getInt(1);
                    longest = row.getDouble(2);
                }
                long now = System.nanoTime();
                synchronized (this) {
                    samples++;
                    if (waiting > 0) {
                        if (openedAt < 0) {
                            openedAt = now;
                            maxWaiting = 0;
                            longestWait = 0;
                        }
                        maxWaiting = Math.max(maxWaiting, waiting);
                        longestWait = Math.max(longestWait, longest * 1000);
                    } else if (openedAt >= 0) {
                        windows.add(new Window(openedAt, now, maxWaiting, longestWait));
                        openedAt = -1;
                    }
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (SQLException e) {
            synchronized (this) {
                error = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (openedAt >= 0) {
                synchronized (this) {
                    windows.add(new Window(openedAt, System.nanoTime(), maxWaiting, longestWait));
                }
            }
        }
    }

    /** Stops sampling and returns what was seen. */
    Result stop() throws InterruptedException, SQLException {
        running = false;
        thread.join(5_000);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing after the samples were read: nothing is lost.
        }
        synchronized (this) {
            if (error != null) {
                throw error;
            }
            return new Result(List.copyOf(windows), samples);
        }
    }
}
