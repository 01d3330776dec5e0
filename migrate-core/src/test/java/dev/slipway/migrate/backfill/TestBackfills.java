package dev.slipway.migrate.backfill;

import static org.assertj.core.api.Assertions.fail;

import dev.slipway.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** The table, backfill and settings that most backfill tests share, and a wait for a condition. */
final class TestBackfills {

    private TestBackfills() {}

    /** Short polls and back-offs, so takeovers and retries happen within a test's patience. */
    static BackfillConfig config() {
        return BackfillConfig.builder()
                .pollInterval(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .progressLogInterval(Duration.ofSeconds(1))
                .build();
    }

    /**
     * {@code CREATE TABLE <table> (id bigint PRIMARY KEY, name text, display_name text, updates int)} with ids
     * {@code 1..rows}, no display names and no updates.
     */
    static void createUsers(TestDatabase db, String table, int rows) {
        db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL, display_name text,"
                + " updates int NOT NULL DEFAULT 0)");
        db.execute(
                "INSERT INTO " + table + " (id, name) SELECT g, 'user ' || g FROM generate_series(1, " + rows + ") g");
        db.execute("ANALYZE " + table);
    }

    /**
     * {@code display_name = name} where they differ, counting in {@code updates} how often each row was changed;
     * small batches steered to 20 ms, so a table of 10<sup>5</sup> rows takes seconds.
     */
    static Backfill displayName(String name, String table) {
        return Backfill.named(name)
                .table(table)
                .set("display_name = name, updates = updates + 1")
                .where("display_name IS DISTINCT FROM name")
                .batchSize(500)
                .batchSizeBounds(100, 1_000)
                .targetBatchTime(Duration.ofMillis(20))
                .pause(Duration.ofMillis(5))
                .build();
    }

    /** Rows that {@link #displayName} has still to do. */
    static long rowsNotDone(TestDatabase db, String table) {
        return db.queryLong("SELECT count(*) FROM " + table + " WHERE display_name IS DISTINCT FROM name");
    }

    /** Rows that were changed more or less than once. */
    static long rowsNotUpdatedOnce(TestDatabase db, String table) {
        return db.queryLong("SELECT count(*) FROM " + table + " WHERE updates <> 1");
    }

    /** Runs the backfill on a new thread until it ends or the signal stops it. */
    static CompletableFuture<BackfillStatus> runInThread(Backfills backfills, Backfill backfill, StopSignal stop) {
        CompletableFuture<BackfillStatus> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        result.complete(backfills.run(backfill, stop));
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                },
                "backfill-" + backfill.name());
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Polls every 20 ms until the condition holds, failing after the timeout with what was awaited. */
    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                fail("Waited " + timeout.toSeconds() + " s in vain for " + what);
            }
            Thread.sleep(20);
        }
    }
}
