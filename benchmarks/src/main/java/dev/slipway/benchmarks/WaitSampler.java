package dev.slipway.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * What the load's server sessions are doing, sampled from {@code pg_stat_activity} every 5 to 15 ms (at random, so
 * as not to keep step with the load's fixed schedule) on a connection of its own: running, or waiting on which event
 * (a row lock, a WAL flush, a buffer write...).
 */
final class WaitSampler {

    /** Marks the load's sessions, so that the sampler finds them. */
    static final String LOAD_APPLICATION = "slipway benchmark load";

    private static final String QUERY = "SELECT CASE WHEN wait_event IS NULL THEN 'running' ELSE wait_event_type"
            + " || ':' || wait_event END FROM pg_stat_activity WHERE application_name = ? AND state = 'active'";

    /**
     * The samples of one window.
     *
     * @param polls how many times {@code pg_stat_activity} was read
     * @param sessions how many load sessions there were
     * @param active per state ({@code running} or {@code type:event}), how many samples found a session in it
     */
    record Profile(long polls, int sessions, Map<String, Long> active) {

        Profile plus(Profile other) {
            Map<String, Long> sum = new HashMap<>(active);
            other.active.forEach((state, count) -> sum.merge(state, count, Long::sum));
            return new Profile(polls + other.polls, sessions, sum);
        }

        /** The share of the sessions' time in a state, from 0 to 1. */
        double share(String state) {
            return polls == 0 ? 0 : active.getOrDefault(state, 0L) / (double) (polls * sessions);
        }
    }

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<String, Long> active = new HashMap<>();
    private final int sessions;
    private volatile boolean stopped;
    private long polls;

    private WaitSampler(BenchmarkServer server, String database, int sessions, long intervalNanos) {
        this.sessions = sessions;
        this.thread = new Thread(
                () -> {
                    try (Connection connection = server.connect(database);
                            PreparedStatement query = connection.prepareStatement(QUERY)) {
                        query.setString(1, LOAD_APPLICATION);
                        SplittableRandom random = new SplittableRandom(17);
                        while (!stopped) {
                            try (ResultSet rows = query.executeQuery()) {
                                while (rows.next()) {
                                    active.merge(rows.getString(1), 1L, Long::sum);
                                }
                            }
                            polls++;
                            // Jittered: a fixed period would stay in step with the load's fixed schedule and see one
                            // phase of it
                            LockSupport.parkNanos(intervalNanos / 2 + random.nextLong(intervalNanos));
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "wait-sampler");
        thread.setDaemon(true);
    }

    static WaitSampler start(BenchmarkServer server, String database, int sessions) {
        WaitSampler sampler = new WaitSampler(server, database, sessions, 10_000_000L);
        sampler.thread.start();
        return sampler;
    }

    Profile stop() throws InterruptedException {
        stopped = true;
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("Sampling pg_stat_activity failed: " + failure.get(), failure.get());
        }
        return new Profile(polls, sessions, Map.copyOf(active));
    }
}
