package dev.slipway.migrate.backfill;

import static dev.slipway.migrate.backfill.TestBackfills.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill whose JVM is killed ({@code SIGKILL}: no shutdown hook, no rollback from the client) three times at
 * different points resumes each time from its saved cursor and completes: every row is changed exactly once (the
 * batch in flight at a kill is rolled back with its cursor), and the progress that the parent samples every 20 ms
 * through all four runs never goes back (see {@link ProgressSampler}).
 *
 * <p>The kills come once the cursor has passed 15 %, 40 % and 65 % of the table, each after a random delay of up to
 * 25 ms so that some land inside a batch; {@code -Dslipway.test.seed=...} repeats a run's delays.
 *
 * <p>A runner whose database session the server ends goes on the same way, with a new session.
 */
@PostgresTest
class KilledBackfillTest {

    private static final int ROWS = 200_000;
    private static final String NAME = "users_display_name";

    @Test
    void aBackfillKilledThreeTimesResumesFromItsSavedCursorAndChangesEveryRowOnce(TestDatabase db, @TempDir Path dir)
            throws Exception {
        TestBackfills.createUsers(db, "users", ROWS);
        long seed = Long.getLong("slipway.test.seed", System.nanoTime());
        Random random = new Random(seed);
        String context = "seed " + seed;
        long[] killPoints = {ROWS * 15L / 100, ROWS * 40L / 100, ROWS * 65L / 100};

        try (ProgressSampler sampler = new ProgressSampler(db, NAME)) {
            long cursorAtLastKill = 0;
            for (int i = 0; i < killPoints.length; i++) {
                int run = i;
                Path out = dir.resolve("run-" + run + ".log");
                Process child = ChildBackfill.start(db, NAME, "users", out);
                long killPoint = Math.max(killPoints[run], cursorAtLastKill + 10_000);
                await("run " + run + " to pass key " + killPoint + " (" + context + ")", Duration.ofSeconds(60), () -> {
                    assertThat(child.isAlive())
                            .as("run %d ended early: %s", run, Files.readString(out))
                            .isTrue();
                    BackfillRecord latest = sampler.latest();
                    return latest != null && latest.cursorKey() >= killPoint;
                });
                Thread.sleep(random.nextInt(25));
                assertThat(child.isAlive())
                        .as("run %d ended before its kill: %s", run, Files.readString(out))
                        .isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

                BackfillRecord atKill = sampler.latest();
                assertThat(atKill.state()).as(context).isEqualTo("RUNNING");
                assertThat(atKill.sweeping())
                        .as("killed in the main pass (%s)", context)
                        .isFalse();
                cursorAtLastKill = atKill.cursorKey();
            }

            Path out = dir.resolve("final.log");
            Process last = ChildBackfill.start(db, NAME, "users", out);
            assertThat(last.waitFor(2, TimeUnit.MINUTES))
                    .as("the final run ends")
                    .isTrue();
            assertThat(Files.readString(out)).as(context).contains("ended COMPLETED");
            Thread.sleep(100); // a last sample of the completed record
            sampler.assertProgressNeverWentBack(context);
        }

        assertThat(TestBackfills.rowsNotDone(db, "users")).as(context).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "users"))
                .as("rows changed other than once (%s)", context)
                .isZero();
        BackfillStatus status =
                Backfills.builder(db.dataSource()).build().status(NAME).orElseThrow();
        assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(status.rowsUpdated()).as(context).isEqualTo(ROWS);
        assertThat(status.finishedAt()).isNotNull();
    }

    /**
     * The server ends the runner's session ({@code pg_terminate_backend}, as a failover or an administrator would)
     * in the middle of the backfill: the runner's batch in flight is lost with the session and its lock, and the
     * same {@code run} call takes the backfill up again on a new connection and completes it, every row changed
     * once.
     */
    @Test
    void aRunnerWhoseSessionIsTerminatedGoesOnWithANewSessionFromItsSavedCursor(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "members", 50_000);
        Backfill backfill = TestBackfills.displayName("members_display_name", "members");
        List<BackfillStatus> starts = new CopyOnWriteArrayList<>();
        Backfills backfills = Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config())
                .listener(new BackfillListener() {
                    @Override
                    public void backfillStarted(BackfillStatus status) {
                        starts.add(status);
                    }
                })
                .build();

        try (ProgressSampler sampler = new ProgressSampler(db, backfill.name())) {
            CompletableFuture<BackfillStatus> run = TestBackfills.runInThread(backfills, backfill, StopSignal.create());
            await(
                    "the cursor to pass 30 % of the table",
                    Duration.ofSeconds(60),
                    () -> sampler.latest() != null && sampler.latest().cursorKey() >= 15_000);
            assertThat(db.queryString("SELECT bool_and(pg_terminate_backend(pid)) FROM pg_locks"
                            + " WHERE locktype = 'advisory' AND granted"
                            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                    .as("the runner's session, which holds the backfill's lock, was terminated")
                    .isEqualTo("t");

            BackfillStatus status = run.get(1, TimeUnit.MINUTES);

            assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
            assertThat(starts).as("runs of the backfill by this runner").hasSize(2);
            assertThat(starts.get(1).rowsProcessed()).isGreaterThanOrEqualTo(15_000);
            sampler.assertProgressNeverWentBack("terminated session");
        }
        assertThat(TestBackfills.rowsNotDone(db, "members")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "members")).isZero();
    }
}
