package dev.slipway.migrate.backfill;

import static dev.slipway.migrate.backfill.TestBackfills.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.test.PostgresTest;
import dev.slipway.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The application keeps writing while a backfill runs, as old instances of it do during a deploy: it inserts rows
 * that match {@code where} and changes the source column of rows the cursor has already passed, so they match
 * {@code where} again. The final sweep must find them all: when the backfill completes, no row matches
 * {@code where}.
 */
@PostgresTest
class BackfillUnderApplicationWritesTest {

    private static final int WRITERS = 3;

    /**
     * The table holds the even ids 2..100,000; writers insert odd ids anywhere in that range (so also behind the
     * cursor) and append to the {@code name} of random rows, until the cursor has passed 80 % of the table. They
     * stop before the main pass ends, so the backfill cannot have completed while they still wrote.
     */
    @Test
    void rowsWrittenBehindTheCursorWhileTheBackfillRunsAreDoneByTheFinalSweep(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, display_name text,"
                + " updates int NOT NULL DEFAULT 0)");
        db.execute("INSERT INTO accounts (id, name) SELECT 2 * g, 'account ' || g FROM generate_series(1, 50000) g");
        Backfill backfill = TestBackfills.displayName("accounts_display_name", "accounts");
        Backfills backfills = Backfills.builder(db.dataSource())
                .backfillConfig(TestBackfills.config())
                .build();
        long seed = Long.getLong("slipway.test.seed", System.nanoTime());
        String context = "seed " + seed;

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (ProgressSampler sampler = new ProgressSampler(db, backfill.name())) {
            CompletableFuture<BackfillStatus> run = TestBackfills.runInThread(backfills, backfill, StopSignal.create());
            await(
                    "the backfill's first batch",
                    Duration.ofSeconds(30),
                    () -> sampler.latest() != null && sampler.latest().cursorKey() > 0);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong writes = new AtomicLong();
            AtomicLong writesBehindCursor = new AtomicLong();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Random random = new Random(seed + w);
                running.add(writers.submit(() -> write(db, random, stop, writes, writesBehindCursor)));
            }
            await("the cursor to pass 80 % of the table (" + context + ")", Duration.ofSeconds(60), () -> {
                assertThat(run)
                        .as("the backfill ended while the application wrote")
                        .isNotDone();
                return sampler.latest().cursorKey() >= 80_000;
            });
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get(10, TimeUnit.SECONDS);
            }
            assertThat(run)
                    .as("the backfill ended before the application stopped writing")
                    .isNotDone();

            BackfillStatus status = run.get(2, TimeUnit.MINUTES);

            assertThat(status.state()).as(context).isEqualTo(BackfillState.COMPLETED);
            assertThat(writesBehindCursor.get())
                    .as("writes behind the cursor (of %d writes), which only a sweep can find", writes.get())
                    .isGreaterThan(10);
            sampler.assertProgressNeverWentBack(context);
        } finally {
            writers.shutdownNow();
        }
        assertThat(TestBackfills.rowsNotDone(db, "accounts"))
                .as("rows that still match where (%s)", context)
                .isZero();
    }

    /**
     * A row changed behind the final sweep's own cursor needs another pass: the processor of a Java backfill
     * changes rows behind the cursor (on another connection, as the application would) when it meets the last row
     * in the main pass, and again when it meets one of those rows in the sweep. Only a second sweep pass finds
     * the last change.
     */
    @Test
    void theFinalSweepRunsPassAfterPassUntilAPassFindsNothing(TestDatabase db) throws Exception {
        TestBackfills.createUsers(db, "members", 10_000);
        Map<Long, AtomicInteger> processed = new ConcurrentHashMap<>();
        try (Connection application = db.connect();
                PreparedStatement touch =
                        application.prepareStatement("UPDATE members SET name = name || '!' WHERE id = ?")) {
            AtomicBoolean lastRowSeen = new AtomicBoolean();
            AtomicBoolean sweptRowSeen = new AtomicBoolean();
            Backfill backfill = Backfill.named("members_display_name")
                    .table("members")
                    .select("name")
                    .where("display_name IS DISTINCT FROM name")
                    .batchSize(500)
                    .process(row -> {
                        long id = Long.parseLong(row.getString("name").replaceAll("\\D", "")); // "user 12!"
                        processed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                        if (id == 10_000 && lastRowSeen.compareAndSet(false, true)) {
                            touch(touch, 1);
                            touch(touch, 5_000);
                        } else if (id == 5_000 && lastRowSeen.get() && sweptRowSeen.compareAndSet(false, true)) {
                            touch(touch, 2);
                        }
                        row.set("display_name", row.get("name"));
                    })
                    .build();
            Backfills backfills = Backfills.builder(db.dataSource())
                    .backfillConfig(TestBackfills.config())
                    .build();

            BackfillStatus status = backfills.run(backfill, StopSignal.create());

            assertThat(status.state()).isEqualTo(BackfillState.COMPLETED);
            assertThat(sweptRowSeen)
                    .as("row 5000 was processed again by the sweep")
                    .isTrue();
        }
        assertThat(processed.get(2L))
                .as("row 2 was changed behind the sweep and processed again")
                .hasValue(2);
        assertThat(TestBackfills.rowsNotDone(db, "members")).isZero();
    }

    private static void touch(PreparedStatement touch, long id) throws java.sql.SQLException {
        touch.setLong(1, id);
        assertThat(touch.executeUpdate()).isEqualTo(1);
    }

    /**
     * One writer of the application: inserts a row with a random odd id or appends to the name of a random row,
     * in autocommit, and counts the writes to rows behind the backfill's cursor.
     */
    private static Void write(
            TestDatabase db, Random random, AtomicBoolean stop, AtomicLong writes, AtomicLong writesBehindCursor)
            throws Exception {
        String behindCursor = " RETURNING id < (SELECT coalesce(cursor[1]::bigint, 0) FROM slipway_backfills"
                + " WHERE name = 'accounts_display_name' AND NOT sweeping)";
        try (Connection connection = db.connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (id, name)"
                        + " VALUES (?, 'new ' || ?) ON CONFLICT (id) DO NOTHING" + behindCursor);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE accounts SET name = name || '+' WHERE id = ?" + behindCursor)) {
            while (!stop.get()) {
                PreparedStatement statement;
                if (random.nextBoolean()) {
                    long id = 2L * random.nextInt(50_000) + 1;
                    insert.setLong(1, id);
                    insert.setLong(2, id);
                    statement = insert;
                } else {
                    update.setLong(1, 2L * (random.nextInt(50_000) + 1));
                    statement = update;
                }
                try (ResultSet written = statement.executeQuery()) {
                    if (written.next()) {
                        writes.incrementAndGet();
                        if (written.getBoolean(1)) {
                            writesBehindCursor.incrementAndGet();
                        }
                    }
                }
                Thread.sleep(2);
            }
        }
        return null;
    }
}
