package dev.slipway.migrate.backfill;

import static dev.slipway.migrate.backfill.TestBackfills.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of an application run the same backfill: only one runs batches at a time, the other waits and
 * takes over from the saved cursor when the first stops or dies.
 */
@PostgresTest
class TwoInstancesBackfillTest {

    /** Each runner stops once after this many batches of its own, so that the other one takes over. */
    private static final int HANDOVER_AFTER = 10;

    /**
     * Two runners on two threads with their own connections: every batch of the SQL backfill calls a function
     * that takes a transaction-level advisory lock with {@code pg_try_advisory_xact_lock} and raises if another
     * transaction holds it, so two batches in flight at once would make one of them fail.
     */
    @Test
    void twoRunnersOfAnSqlBackfillNeverRunBatchesAtOnceAndBothSeeItComplete(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "people", 20_000);
        db.execute("CREATE FUNCTION one_batch_at_a_time(n int) RETURNS int LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "  IF NOT pg_try_advisory_xact_lock(20261121, 7) THEN\n"
                + "    RAISE EXCEPTION 'two batches ran at once';\n"
                + "  END IF;\n"
                + "  RETURN n + 1;\n"
                + "END $$");
        Backfill backfill = Backfill.named("people_display_name")
                .table("people")
                .set("display_name = name, updates = one_batch_at_a_time(updates)")
                .where("display_name IS DISTINCT FROM name")
                .batchSize(100)
                .batchSizeBounds(100, 200)
                .targetBatchTime(Duration.ofMillis(10))
                .pause(Duration.ZERO)
                .build();

        List<Runner> runners = race(db, backfill);

        for (Runner runner : runners) {
            assertThat(runner.result.get().state()).as(runner.name).isEqualTo(BackfillState.COMPLETED);
            assertThat(runner.batches.get()).as("batches of %s", runner.name).isGreaterThanOrEqualTo(HANDOVER_AFTER);
            assertThat(runner.retryErrors)
                    .as("retried batches of %s", runner.name)
                    .noneMatch(e -> e.contains("two batches ran at once"));
        }
        assertThat(TestBackfills.rowsNotDone(db, "people")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "people")).isZero();
    }

    /** The same race with a Java backfill whose processor counts how many threads are inside it. */
    @Test
    void twoRunnersOfAJavaBackfillNeverProcessRowsAtOnce(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "players", 6_000);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Backfill backfill = Backfill.named("players_display_name")
                .table("players")
                .select("name", "updates")
                .where("display_name IS DISTINCT FROM name")
                .batchSize(50)
                .batchSizeBounds(50, 100)
                .targetBatchTime(Duration.ofMillis(10))
                .pause(Duration.ZERO)
                .process(row -> {
                    if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    try {
                        LockSupport.parkNanos(20_000);
                        row.set("display_name", row.get("name"));
                        row.set("updates", ((Number) row.get("updates")).intValue() + 1);
                    } finally {
                        inside.decrementAndGet();
                    }
                })
                .build();

        List<Runner> runners = race(db, backfill);

        assertThat(overlaps).as("rows processed by two runners at once").hasValue(0);
        for (Runner runner : runners) {
            assertThat(runner.result.get().state()).as(runner.name).isEqualTo(BackfillState.COMPLETED);
            assertThat(runner.batches.get()).as("batches of %s", runner.name).isGreaterThanOrEqualTo(HANDOVER_AFTER);
        }
        assertThat(TestBackfills.rowsNotDone(db, "players")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "players")).isZero();
    }

    /**
     * A child JVM runs the backfill while a runner in this JVM waits; the child is killed part-way, and the
     * waiting runner takes over: it starts from the child's saved progress, changes only the rows the child had
     * not committed (each row ends with exactly one change), and completes.
     */
    @Test
    void aWaitingRunnerTakesOverFromTheSavedCursorWhenTheRunningJvmIsKilled(TestDatabase db, @TempDir Path dir)
            throws Exception {
        int rows = 60_000;
        TestBackfills.createUsers(db, "profiles", rows);
        Backfill backfill = TestBackfills.displayName("profiles_display_name", "profiles");
        AtomicReference<BackfillStatus> takenOver = new AtomicReference<>();
        List<BatchReport> reports = new CopyOnWriteArrayList<>();
        Backfills waiting = Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config())
                .listener(new BackfillListener() {
                    @Override
                    public void backfillStarted(BackfillStatus status) {
                        takenOver.compareAndSet(null, status);
                    }

                    @Override
                    public void batchCompleted(BatchReport report) {
                        reports.add(report);
                    }
                })
                .build();

        try (ProgressSampler sampler = new ProgressSampler(db, backfill.name())) {
            Path out = dir.resolve("child.log");
            Process child = ChildBackfill.start(db, backfill.name(), "profiles", out);
            await("the child's first batch", Duration.ofSeconds(60), () -> {
                assertThat(child.isAlive())
                        .as("child ended early: %s", Files.readString(out))
                        .isTrue();
                return sampler.latest() != null && sampler.latest().cursorKey() > 0;
            });
            CompletableFuture<BackfillStatus> run = TestBackfills.runInThread(waiting, backfill, StopSignal.create());
            await(
                    "the child to pass 40 % of the table",
                    Duration.ofSeconds(60), () -> {
                        assertThat(child.isAlive())
                                .as("child ended early: %s", Files.readString(out))
                                .isTrue();
                        return sampler.latest().cursorKey() >= rows * 40L / 100;
                    });
            assertThat(takenOver.get())
                    .as("the second runner started while the child ran")
                    .isNull();
            assertThat(reports)
                    .as("batches of the second runner while the child ran")
                    .isEmpty();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long processedAtKill = sampler.latest().rowsProcessed();

            BackfillStatus status = run.get(2, TimeUnit.MINUTES);

            assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
            assertThat(status.rowsUpdated()).isEqualTo(rows);
            sampler.assertProgressNeverWentBack("takeover");
            BackfillStatus start = takenOver.get();
            assertThat(start).as("backfillStarted of the runner that took over").isNotNull();
            assertThat(start.rowsProcessed())
                    .as("rows processed when taken over")
                    .isGreaterThanOrEqualTo(processedAtKill)
                    .isLessThan(rows);
            BatchReport first = reports.get(0);
            assertThat(first.status().rowsProcessed())
                    .as("rows processed after the first batch of the takeover")
                    .isEqualTo(start.rowsProcessed() + first.rowsScanned());
            assertThat(reports.stream().mapToLong(BatchReport::rowsUpdated).sum())
                    .as("rows changed by the runner that took over")
                    .isEqualTo(rows - start.rowsUpdated());
        }
        assertThat(TestBackfills.rowsNotDone(db, "profiles")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "profiles")).isZero();
    }

    /** A runner of the race: its name, its batches, the errors of its retried batches, its final status. */
    private record Runner(
            String name, AtomicInteger batches, List<String> retryErrors, CompletableFuture<BackfillStatus> result) {}

    /**
     * Starts two runners of the backfill at once, on two threads with their own data sources. Each asks its first
     * {@code run} to stop after its {@link #HANDOVER_AFTER}th batch, waits until the other has run as many (so the
     * other one takes over), then runs again until the backfill ends. Returns once both have returned.
     */
    private static List<Runner> race(TestDatabase db, Backfill backfill) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Runner> runners = List.of(
                new Runner("runner-a", new AtomicInteger(), new CopyOnWriteArrayList<>(), new CompletableFuture<>()),
                new Runner("runner-b", new AtomicInteger(), new CopyOnWriteArrayList<>(), new CompletableFuture<>()));
        for (int i = 0; i < 2; i++) {
            Runner runner = runners.get(i);
            Runner other = runners.get(1 - i);
            StopSignal.Manual handover = StopSignal.create();
            Backfills backfills = Backfills.builder(db.dataSource())
                    .backfillConfig(TestBackfills.config())
                    .listener(new BackfillListener() {
                        @Override
                        public void batchCompleted(BatchReport report) {
                            if (runner.batches.incrementAndGet() == HANDOVER_AFTER) {
                                handover.requestStop();
                            }
                        }

                        @Override
                        public void batchRetried(String name, int attempt, Duration backoff, String error) {
                            runner.retryErrors.add(error);
                        }
                    })
                    .build();
            Thread thread = new Thread(
                    () -> {
                        try {
                            start.await();
                            BackfillStatus status = backfills.run(backfill, handover);
                            if (status.state() != BackfillState.COMPLETED && status.state() != BackfillState.FAILED) {
                                await(
                                        other.name + " to take over",
                                        Duration.ofSeconds(60),
                                        () -> other.batches.get() >= HANDOVER_AFTER || other.result.isDone());
                                status = backfills.run(backfill, StopSignal.create());
                            }
                            runner.result.complete(status);
                        } catch (Throwable e) {
                            runner.result.completeExceptionally(e);
                        }
                    },
                    runner.name);
            thread.setDaemon(true);
            thread.start();
        }
        start.countDown();
        for (Runner runner : runners) {
            runner.result.get(2, TimeUnit.MINUTES);
        }
        return runners;
    }
}
