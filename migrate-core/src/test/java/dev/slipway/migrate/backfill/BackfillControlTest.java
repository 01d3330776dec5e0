package dev.slipway.migrate.backfill;

import static dev.slipway.migrate.backfill.TestBackfills.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.migrate.Slipway;
import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What decides whether batches run: an operator's pause (from another thread, while a batch may be in flight)
 * stops them until resume, a backfill waits without running until the migrations it requires are applied, and an
 * interrupt ends the run.
 */
@PostgresTest
class BackfillControlTest {

    @Test
    void pauseFromAnotherThreadStopsTheBatchesAndResumeLetsThemComplete(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "users", 15_000);
        Backfill backfill = Backfill.named("users_display_name")
                .table("users")
                .set("display_name = name, updates = updates + 1")
                .where("display_name IS DISTINCT FROM name")
                .batchSize(200)
                .batchSizeBounds(200, 200)
                .pause(Duration.ofMillis(20))
                .build();
        Backfills backfills = Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config())
                .build();
        CompletableFuture<BackfillStatus> run = TestBackfills.runInThread(backfills, backfill, StopSignal.create());
        await("five batches", Duration.ofSeconds(30), () -> batches(db, "users_display_name") >= 5);

        assertThat(backfills.pause("users_display_name").state()).isEqualTo(BackfillState.PAUSED);
        long batchesWhenPaused = batches(db, "users_display_name");
        Thread.sleep(1_000);

        assertThat(batches(db, "users_display_name"))
                .as("batches after the pause (at most the one in flight)")
                .isBetween(batchesWhenPaused, batchesWhenPaused + 1);
        long batchesAfterPause = batches(db, "users_display_name");
        Thread.sleep(500);
        assertThat(batches(db, "users_display_name")).as("batches while paused").isEqualTo(batchesAfterPause);
        assertThat(backfills.status("users_display_name").orElseThrow().state()).isEqualTo(BackfillState.PAUSED);
        assertThat(run).as("run() waits while the backfill is paused").isNotDone();
        assertThat(TestBackfills.rowsNotDone(db, "users")).isPositive();

        assertThat(backfills.resume("users_display_name").state()).isNotEqualTo(BackfillState.PAUSED);
        BackfillStatus status = run.get(1, TimeUnit.MINUTES);

        assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(TestBackfills.rowsNotDone(db, "users")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "users")).isZero();
        assertThatThrownBy(() -> backfills.pause("users_display_name"))
                .isInstanceOfSatisfying(
                        BackfillStateException.class, e -> assertThat(e.state()).isEqualTo(BackfillState.COMPLETED));
        assertThatThrownBy(() -> backfills.retry("users_display_name")).isInstanceOf(BackfillStateException.class);
        assertThatThrownBy(() -> backfills.resume("no_such_backfill"))
                .isInstanceOf(NoSuchBackfillException.class)
                .hasMessageContaining("users_display_name");
    }

    /**
     * The backfill needs the column that its second migration adds; started after the first migration only, it
     * waits (an attempt to run a batch would fail on the missing column) and runs once the second is applied.
     */
    @Test
    void aBackfillWaitsUntilTheMigrationsItRequiresAreApplied(TestDatabase db, @TempDir Path dir) throws Exception {
        migration(
                dir,
                "20240101000000_create_clients",
                "CREATE TABLE clients (id bigint PRIMARY KEY, name text);\n"
                        + "INSERT INTO clients SELECT g, 'client ' || g FROM generate_series(1, 5000) g;");
        SlipwayConfig config = SlipwayConfig.builder()
                .locations("filesystem:" + dir.toAbsolutePath())
                .lockPollInterval(Duration.ofMillis(50))
                .build();
        Slipway slipway = Slipway.builder(db.dataSource()).config(config).build();
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);
        Backfill backfill = Backfill.named("clients_display_name")
                .table("clients")
                .set("display_name = name")
                .where("display_name IS DISTINCT FROM name")
                .requires("20240102000000")
                .build();
        Backfills backfills = Backfills.builder(db.dataSource())
                .config(config)
                .backfillConfig(TestBackfills.config())
                .build();

        CompletableFuture<BackfillStatus> run = TestBackfills.runInThread(backfills, backfill, StopSignal.create());
        await(
                "the backfill to be recorded",
                Duration.ofSeconds(30),
                () -> backfills.status("clients_display_name").isPresent());
        Thread.sleep(1_000); // ten polls

        assertThat(run).as("run() waits for the migration").isNotDone();
        assertThat(backfills.status("clients_display_name").orElseThrow().state())
                .isEqualTo(BackfillState.PENDING);

        migration(dir, "20240102000000_add_display_name", "ALTER TABLE clients ADD COLUMN display_name text;");
        assertThat(slipway.migrate().appliedCount()).isEqualTo(1);
        BackfillStatus status = run.get(1, TimeUnit.MINUTES);

        assertThat(status.state()).as(status.lastError()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.queryLong("SELECT count(*) FROM clients WHERE display_name IS DISTINCT FROM name"))
                .isZero();
    }

    /**
     * {@link Backfills#run} returns only once the backfill is COMPLETED or FAILED (or on a stop). A batch blocked on
     * a row that the application has locked is in flight when the operator pauses; the application then commits a
     * value that makes the batch fail for good (a check violation). The run must not end with the backfill PAUSED.
     */
    @Test
    void aBatchThatFailsAfterThePauseDoesNotEndTheRunWhileTheBackfillIsPaused(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "visitors", 1_000);
        db.execute("ALTER TABLE visitors ADD CONSTRAINT display_name_not_bad CHECK (display_name <> 'bad')");
        Backfill backfill = TestBackfills.displayName("visitors_display_name", "visitors");
        Backfills backfills = Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config().toBuilder()
                        .lockTimeout(Duration.ofSeconds(30))
                        .build())
                .build();
        CompletableFuture<BackfillStatus> run;
        try (Connection application = db.connect()) {
            application.setAutoCommit(false);
            try (Statement statement = application.createStatement()) {
                statement.execute("UPDATE visitors SET name = 'bad' WHERE id = 1");
            }
            run = TestBackfills.runInThread(backfills, backfill, StopSignal.create());
            await(
                    "the first batch to wait for the application's row lock",
                    Duration.ofSeconds(30),
                    () -> db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND wait_event_type = 'Lock' AND query LIKE '%UPDATE%visitors%'")
                            > 0);
            assertThat(backfills.pause("visitors_display_name").state()).isEqualTo(BackfillState.PAUSED);
            application.commit();
        }
        await(
                "the batch to go on once the row is free",
                Duration.ofSeconds(30),
                () -> db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock' AND query LIKE '%UPDATE%visitors%'")
                        == 0);
        Thread.sleep(500);

        BackfillStatus recorded = backfills.status("visitors_display_name").orElseThrow();
        if (run.isDone()) {
            assertThat(run.get().state())
                    .as("run() returned while the backfill is recorded %s: %s", recorded.state(), recorded)
                    .isIn(BackfillState.COMPLETED, BackfillState.FAILED);
            return;
        }
        assertThat(recorded.state()).isEqualTo(BackfillState.PAUSED);
        db.execute("UPDATE visitors SET name = 'good' WHERE id = 1");
        backfills.resume("visitors_display_name");
        assertThat(run.get(1, TimeUnit.MINUTES).state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(TestBackfills.rowsNotDone(db, "visitors")).isZero();
    }

    /**
     * {@link Backfills#run} "throws InterruptedException when the thread is interrupted": with no pause between
     * batches as well. The interrupted run leaves the backfill to the next run, which completes it with every row
     * changed once.
     */
    @Test
    void interruptingTheRunningThreadEndsTheRunAndTheNextRunCompletesIt(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "guests", 50_000);
        Backfill backfill = Backfill.named("guests_display_name")
                .table("guests")
                .set("display_name = name, updates = updates + 1")
                .where("display_name IS DISTINCT FROM name")
                .batchSize(200)
                .batchSizeBounds(200, 200)
                .pause(Duration.ZERO)
                .build();
        Backfills backfills = Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config())
                .build();
        CompletableFuture<BackfillStatus> run = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        run.complete(backfills.run(backfill, StopSignal.create()));
                    } catch (Throwable e) {
                        run.completeExceptionally(e);
                    }
                },
                "interrupted-backfill");
        thread.setDaemon(true);
        thread.start();
        await("five batches", Duration.ofSeconds(30), () -> batches(db, "guests_display_name") >= 5);

        thread.interrupt();
        BackfillStatus returned = null;
        Throwable thrown = null;
        try {
            returned = run.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            thrown = e.getCause();
        }

        assertThat(thrown)
                .as("what run() threw after the interrupt; it returned %s", returned)
                .isInstanceOf(InterruptedException.class);
        assertThat(backfills.status("guests_display_name").orElseThrow().state())
                .isNotEqualTo(BackfillState.COMPLETED);
        assertThat(backfills.run(backfill, StopSignal.create()).state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(TestBackfills.rowsNotDone(db, "guests")).isZero();
        assertThat(TestBackfills.rowsNotUpdatedOnce(db, "guests")).isZero();
    }

    /** The batches recorded so far, 0 before the backfill is. */
    private static long batches(TestDatabase db, String backfill) throws Exception {
        try (Connection connection = db.connect()) {
            return BackfillRecord.read(connection, backfill)
                    .map(BackfillRecord::batches)
                    .orElse(0L);
        }
    }

    private static void migration(Path dir, String id, String sql) throws Exception {
        Files.createDirectories(dir.resolve(id));
        Files.writeString(dir.resolve(id).resolve("migration.sql"), sql);
    }
}
