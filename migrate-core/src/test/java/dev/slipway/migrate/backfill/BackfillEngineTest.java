package dev.slipway.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.SlipwayConfig;
import dev.slipway.migrate.test.PostgresExtension;
import dev.slipway.migrate.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine's basic behaviour on the real database, run on the test's thread: SQL and Java backfills over single
 * and composite keys, the record in {@code slipway_backfills}, the final sweep, the adaptive batch size, the
 * listener's reports and the status figures.
 */
@ExtendWith(PostgresExtension.class)
class BackfillEngineTest {

    private final TestDatabase db;

    BackfillEngineTest(TestDatabase db) {
        this.db = db;
    }

    private Backfills backfills(String schema, BackfillListener... listeners) {
        Backfills.Builder builder = Backfills.builder(db.dataSource())
                .config(SlipwayConfig.builder().schema(schema).build())
                .backfillConfig(BackfillConfig.builder()
                        .pause(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(50))
                        .progressLogInterval(Duration.ofMillis(200))
                        .build());
        for (BackfillListener listener : listeners) {
            builder.listener(listener);
        }
        return builder.build();
    }

    private static String schemaOf(TestInfo test) {
        return "bf_"
                + test.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "");
    }

    private void users(String schema, int rows) {
        db.execute("CREATE SCHEMA " + schema);
        db.execute("CREATE TABLE " + schema + ".users (id bigint PRIMARY KEY, name text NOT NULL, display_name text)");
        db.execute("INSERT INTO " + schema + ".users (id, name) SELECT g, 'user ' || g FROM generate_series(1, " + rows
                + ") g");
    }

    @Test
    void sqlBackfillUpdatesEveryMatchingRowAndRecordsItsProgress(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        users(schema, 5_000);
        db.execute("UPDATE " + schema + ".users SET display_name = 'kept' WHERE id % 10 = 0");
        List<BatchReport> reports = new CopyOnWriteArrayList<>();
        Backfill backfill = Backfill.named("users_display_name")
                .schema(schema)
                .table("users")
                .set("display_name = name")
                .where("display_name IS NULL")
                .batchSize(700)
                .build();

        BackfillStatus done = backfills(schema, new BackfillListener() {
                    @Override
                    public void batchCompleted(BatchReport report) {
                        reports.add(report);
                    }
                })
                .run(backfill, StopSignal.create());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.rowsUpdated()).isEqualTo(4_500);
        assertThat(done.table()).isEqualTo(schema + ".users");
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".users WHERE display_name IS NULL"))
                .isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".users WHERE display_name = 'kept'"))
                .isEqualTo(500);
        assertThat(reports).isNotEmpty();
        assertThat(reports.stream().mapToInt(BatchReport::rowsUpdated).sum()).isEqualTo(4_500);
        assertThat(reports.get(0).rowsScanned()).isEqualTo(700);
        assertThat(reports).allSatisfy(r -> assertThat(r.lockHeld()).isLessThanOrEqualTo(r.duration()));
        assertThat(db.queryString("SELECT state || ' ' || sweeping || ' ' || array_to_string(key_columns, ',')"
                        + " || ' ' || (finished_at IS NOT NULL) FROM " + schema + ".slipway_backfills"))
                .isEqualTo("COMPLETED true id true");
    }

    @Test
    void compositeKeysAreWalkedInKeyOrder(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        db.execute("CREATE SCHEMA " + schema);
        db.execute("CREATE TABLE " + schema + ".orders (tenant text, id int, total int, total_cents bigint,"
                + " PRIMARY KEY (tenant, id))");
        db.execute("INSERT INTO " + schema + ".orders (tenant, id, total) SELECT 't' || (g % 7), g, g"
                + " FROM generate_series(1, 3000) g");
        Backfill backfill = Backfill.named("orders_cents")
                .schema(schema)
                .table("orders")
                .set("total_cents = total * 100")
                .where("total_cents IS NULL")
                .batchSize(128)
                .build();

        BackfillStatus done = backfills(schema).run(backfill, StopSignal.create());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".orders WHERE total_cents = total * 100"))
                .isEqualTo(3000);
        assertThat(done.rowsUpdated()).isEqualTo(3000);
    }

    @Test
    void javaBackfillWritesWhatTheProcessorSets(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        users(schema, 1_234);
        db.execute("ALTER TABLE " + schema + ".users ADD COLUMN name_length int");
        Backfill backfill = Backfill.named("users_slug")
                .schema(schema)
                .table("users")
                .select("name")
                .where("display_name IS NULL")
                .process(row -> {
                    String name = row.getString("name");
                    row.set("display_name", name.toUpperCase().replace(' ', '-'));
                    row.set("name_length", name.length());
                })
                .batchSize(100)
                .build();

        BackfillStatus done = backfills(schema).run(backfill, StopSignal.create());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(done.rowsUpdated()).isEqualTo(1_234);
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".users"
                        + " WHERE display_name = upper(replace(name, ' ', '-')) AND name_length = length(name)"))
                .isEqualTo(1_234);
    }

    @Test
    void backfillWithoutWhereProcessesEveryRowOnceWithoutSweep(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        users(schema, 2_000);
        db.execute("ALTER TABLE " + schema + ".users ADD COLUMN touched int NOT NULL DEFAULT 0");
        Backfill backfill = Backfill.named("touch")
                .schema(schema)
                .table("users")
                .set("touched = touched + 1")
                .batchSize(300)
                .build();

        BackfillStatus done = backfills(schema).run(backfill, StopSignal.create());

        assertThat(done.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(done.sweeping()).isFalse();
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".users WHERE touched = 1"))
                .isEqualTo(2_000);
    }

    @Test
    void adaptiveSizeGrowsTowardsTheTargetBatchTime(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        users(schema, 20_000);
        List<BatchReport> reports = new CopyOnWriteArrayList<>();
        Backfill backfill = Backfill.named("grow")
                .schema(schema)
                .table("users")
                .set("display_name = name")
                .where("display_name IS NULL")
                .batchSize(50)
                .batchSizeBounds(50, 4_000)
                .targetBatchTime(Duration.ofSeconds(2))
                .build();

        backfills(schema, new BackfillListener() {
                    @Override
                    public void batchCompleted(BatchReport report) {
                        reports.add(report);
                    }
                })
                .run(backfill, StopSignal.create());

        // Batches of this table take a few milliseconds, far below 2 s: the size doubles up to its bound.
        assertThat(reports.get(0).nextBatchSize()).isEqualTo(100);
        assertThat(reports).extracting(BatchReport::rowsScanned).contains(4_000);
        assertThat(reports.stream().mapToInt(BatchReport::nextBatchSize).max().orElseThrow())
                .isEqualTo(4_000);
    }

    @Test
    void statusReportsEveryRecordedBackfill(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        users(schema, 100);
        Backfills backfills = backfills(schema);
        assertThat(backfills.status()).isEmpty();
        backfills.run(
                Backfill.named("a")
                        .schema(schema)
                        .table("users")
                        .set("display_name = name")
                        .where("display_name IS NULL")
                        .build(),
                StopSignal.create());

        assertThat(backfills.status()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("a");
            assertThat(s.state()).isEqualTo(BackfillState.COMPLETED);
            assertThat(s.rowsEstimated()).isEqualTo(100L);
            assertThat(s.owner()).isNull();
            assertThat(s.eta()).isNull();
            assertThat(s.startedAt()).isNotNull();
            assertThat(s.finishedAt()).isNotNull();
        });
        assertThat(backfills.status("a")).isPresent();
        assertThat(backfills.status("b")).isEmpty();
    }

    @Test
    void aSetLeavingRowsMatchingWhereFailsAtOnce(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        users(schema, 500);
        Backfill backfill = Backfill.named("never_ends")
                .schema(schema)
                .table("users")
                .set("display_name = upper(name)")
                .where("display_name IS DISTINCT FROM name")
                .build();

        BackfillStatus failed = backfills(schema).run(backfill, StopSignal.create());

        assertThat(failed.state()).isEqualTo(BackfillState.FAILED);
        assertThat(failed.lastError())
                .contains(
                        "never_ends",
                        schema + ".users",
                        "after its set, row (id) = (1)",
                        "still matches where (display_name IS DISTINCT FROM name)",
                        "never end");
        assertThat(failed.rowsUpdated()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".users WHERE display_name IS NOT NULL"))
                .as("the batch was rolled back")
                .isZero();
    }

    @Test
    void aProcessorThatLeavesAMatchingRowUnchangedFailsNamingTheRow(TestInfo test) throws Exception {
        String schema = schemaOf(test);
        users(schema, 300);
        Backfill backfill = Backfill.named("skips_some")
                .schema(schema)
                .table("users")
                .select("name")
                .where("display_name IS NULL")
                .process(row -> {
                    if ((Long) row.get("id") != 42) {
                        row.set("display_name", row.getString("name"));
                    }
                })
                .batchSize(100)
                .build();

        BackfillStatus failed = backfills(schema).run(backfill, StopSignal.create());

        assertThat(failed.state()).isEqualTo(BackfillState.FAILED);
        assertThat(failed.lastError()).contains("its row processor set no column of row (id) = (42)", "narrow where");
        assertThat(failed.rowsUpdated()).isZero();
    }
}
