package dev.slipway.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The application's own traffic on the table, run while a backfill runs and, for the baseline, without one.
 *
 * <ol>
 *   <li>Each thread has a connection of its own (autocommit, as an application's short transactions) and a fixed
 *       schedule: one operation every {@code threads / opsPerSecond} seconds, the threads offset from each other.</li>
 *   <li>An operation is, with equal chance, a point read of a random id ({@value #READ}) or a single-row update of
 *       another column than the backfill's ({@value #WRITE}).</li>
 *   <li>Its latency counts from the time the schedule planned it, not from the time the thread got round to it: an
 *       update that waits for a row lock delays the operations planned after it on its thread, and they count that
 *       delay (the correction for coordinated omission that wrk2 and HdrHistogram make).</li>
 *   <li>{@link #stop} takes the end of the measured window; each thread still runs every operation planned before
 *       it, so operations stuck behind a lock are counted, not dropped; then the connections close.</li>
 * </ol>
 */
final class ConcurrentLoad {

    static final String READ = "SELECT id, name, display_name, email, login_count FROM users WHERE id = ?";
    static final String WRITE = "UPDATE users SET login_count = login_count + 1 WHERE id = ?";

    /**
     * The operations planned within a window.
     *
     * @param all the latency of every operation, from its planned start
     * @param reads the same, of the reads
     * @param writes the same, of the updates
     * @param serviceReads the reads' service times, from the moment each was sent (what a closed loop would see)
     * @param serviceWrites the updates' service times
     * @param updates every update: its id and when it was sent and done
     * @param windowNanos the window's length
     */
    record Result(
            Latencies all,
            Latencies reads,
            Latencies writes,
            Latencies serviceReads,
            Latencies serviceWrites,
            List<Update> updates,
            long windowNanos) {}

    /** One update of the load: the row's id, and when it was sent and done ({@link System#nanoTime()}). */
    record Update(long id, long sentNanos, long doneNanos) {}

    private final List<Worker> workers = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long stopAt;

    private ConcurrentLoad() {}

    /**
     * Opens the connections and starts the threads.
     * @param server the server
     * @param database the database with the table {@code users}
     * @param rows ids run from 1 to this
     * @param threads how many threads, each with its own connection
     * @param opsPerSecond the operations planned per second, over all threads
     * @param seed the random ids' seed
     */
    static ConcurrentLoad start(
            BenchmarkServer server, String database, long rows, int threads, double opsPerSecond, long seed)
            throws SQLException {
        ConcurrentLoad load = new ConcurrentLoad();
        long interval = (long) (threads * 1e9 / opsPerSecond);
        long start = System.nanoTime() + 50_000_000L;
        load.stopAt = start + Long.MAX_VALUE / 2;
        for (int i = 0; i < threads; i++) {
            Connection connection = server.connect(database);
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET application_name = '" + WaitSampler.LOAD_APPLICATION + "'");
            }
            Worker worker = load
            .new Worker(connection, rows, start + i * interval / threads, interval, new SplittableRandom(seed + i));
            Thread thread = new Thread(worker, "load-" + (i + 1));
            thread.setDaemon(true);
            worker.thread = thread;
            load.workers.add(worker);
        }
        load.workers.forEach(worker -> worker.thread.start());
        return load;
    }

    /**
     * Ends the load once every operation planned before {@code windowEnd} ran, and returns those planned from
     * {@code windowStart} on.
     * @throws IllegalStateException when an operation failed
     */
    Result stop(long windowStart, long windowEnd) throws InterruptedException {
        stopAt = windowEnd;
        for (Worker worker : workers) {
            worker.thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("The concurrent load failed: " + failure.get(), failure.get());
        }
        Samples reads = new Samples(), writes = new Samples(), all = new Samples();
        Samples serviceReads = new Samples(), serviceWrites = new Samples();
        List<Update> updates = new ArrayList<>();
        for (Worker worker : workers) {
            for (int i = 0; i < worker.count; i++) {
                if (worker.planned[i] - windowStart >= 0 && worker.planned[i] - windowEnd < 0) {
                    long done = worker.planned[i] + worker.latency[i];
                    (worker.write[i] ? writes : reads).add(worker.latency[i]);
                    (worker.write[i] ? serviceWrites : serviceReads).add(done - worker.sent[i]);
                    all.add(worker.latency[i]);
                    if (worker.write[i]) {
                        updates.add(new Update(worker.ids[i], worker.sent[i], done));
                    }
                }
            }
        }
        return new Result(
                all.latencies(),
                reads.latencies(),
                writes.latencies(),
                serviceReads.latencies(),
                serviceWrites.latencies(),
                List.copyOf(updates),
                windowEnd - windowStart);
    }

    /** A growing array of nanoseconds. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        Latencies latencies() {
            return new Latencies(Arrays.copyOf(values, size));
        }
    }

    private final class Worker implements Runnable {

        private final Connection connection;
        private final long rows;
        private final long first;
        private final long interval;
        private final SplittableRandom random;
        private Thread thread;
        private long[] planned = new long[4096];
        private long[] latency = new long[4096];
        private long[] sent = new long[4096];
        private long[] ids = new long[4096];
        private boolean[] write = new boolean[4096];
        private int count;

        Worker(Connection connection, long rows, long first, long interval, SplittableRandom random) {
            this.connection = connection;
            this.rows = rows;
            this.first = first;
            this.interval = interval;
            this.random = random;
        }

        @Override
        public void run() {
            try (connection;
                    PreparedStatement read = connection.prepareStatement(READ);
                    PreparedStatement update = connection.prepareStatement(WRITE)) {
                for (long next = first; next - stopAt < 0; next += interval) {
                    long wait;
                    while ((wait = next - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long id = 1 + random.nextLong(rows);
                    boolean isWrite = random.nextBoolean();
                    long sentAt = System.nanoTime();
                    if (isWrite) {
                        update.setLong(1, id);
                        if (update.executeUpdate() != 1) {
                            throw new IllegalStateException("No row with id " + id);
                        }
                    } else {
                        read.setLong(1, id);
                        try (ResultSet row = read.executeQuery()) {
                            if (!row.next()) {
                                throw new IllegalStateException("No row with id " + id);
                            }
                        }
                    }
                    record(next, sentAt, System.nanoTime() - next, id, isWrite);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }

        private void record(long plannedAt, long sentAt, long nanos, long id, boolean isWrite) {
            if (count == planned.length) {
                planned = Arrays.copyOf(planned, count * 2);
                latency = Arrays.copyOf(latency, count * 2);
                sent = Arrays.copyOf(sent, count * 2);
                ids = Arrays.copyOf(ids, count * 2);
                write = Arrays.copyOf(write, count * 2);
            }
            planned[count] = plannedAt;
            sent[count] = sentAt;
            ids[count] = id;
            latency[count] = nanos;
            write[count] = isWrite;
            count++;
        }
    }
}
